// The printable self-inspection report: header, compliance rates, gaps with remediation and the
// full checklist, in English or Chinese labels. Stateless functions; thread-safe.
#pragma once

#include <string>

#include "rutile/core/result.h"
#include "rutile/documents/document.h"
#include "rutile/standards/self_inspection.h"

namespace rutile::standards {

// Labels follow `lang` ("zh..." Chinese, anything else English); clause titles and notes are
// printed as stored; remediation text is given in `lang`.
documents::Document SelfInspectionDocument(const SelfInspection& s, const std::string& lang);

// PDF bytes of SelfInspectionDocument; fits SelfInspectionPdf in self_inspection_routes.h.
Result<std::string> RenderSelfInspectionPdf(const SelfInspection& s, const std::string& lang);

}  // namespace rutile::standards
