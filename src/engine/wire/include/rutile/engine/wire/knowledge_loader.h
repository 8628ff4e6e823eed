// Builds a KnowledgeBase from the JSON files under knowledge/engine/, validating every field.
// Errors are kInvalidArgument with FieldError{"<file>:<path>", message}, e.g.
// {"species.json:species[3].molar_mass_g_mol", "expected a number"}. Stateless; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "rutile/core/result.h"
#include "rutile/engine/knowledge_base.h"

namespace rutile::engine::wire {

struct KnowledgeFile {
  std::string_view name;  // "materials.json"
  std::string_view content;
};

// The required files: sources, materials, species, presets, corrosion_rates, mechanisms,
// atmosphere, inspection, risk_matrix (each "<name>.json"). knowledge_version is computed from
// the bytes of all files (KnowledgeVersion).
Result<KnowledgeBase> LoadKnowledge(const std::vector<KnowledgeFile>& files);

// 12 hex digits of FNV-1a 64 over each file's name, a NUL, its bytes and a NUL, in order.
std::string KnowledgeVersion(const std::vector<KnowledgeFile>& files);

// The files embedded at build time from knowledge/engine/ (same bytes natively and in WASM).
std::vector<KnowledgeFile> EmbeddedKnowledgeFiles();

}  // namespace rutile::engine::wire
