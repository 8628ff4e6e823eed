// The printable self-inspection report: header, compliance rates, gaps with remediation and the
// full checklist, labelled in one of the platform's six languages
// (knowledge/standards/self_inspection_report.json). Stateless functions; thread-safe.
#pragma once

#include <string>

#include "rutile/core/result.h"
#include "rutile/documents/document.h"
#include "rutile/standards/self_inspection.h"

namespace rutile::standards {

// Labels follow the primary subtag of `lang` ("zh-CN" → "zh"); a language the platform does not
// speak gets English. Clause titles and notes are printed as stored (in the inspection's
// language); remediation text is given in the labels' language.
documents::Document SelfInspectionDocument(const SelfInspection& s, const std::string& lang);

// PDF bytes of SelfInspectionDocument; fits SelfInspectionPdf in self_inspection_routes.h.
Result<std::string> RenderSelfInspectionPdf(const SelfInspection& s, const std::string& lang);

}  // namespace rutile::standards
