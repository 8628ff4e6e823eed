#include <boost/json.hpp>
#include <string_view>

#include "case_repository.h"
#include "rutile/cases/case_json.h"
#include "rutile/cases/case_service.h"

namespace rutile::cases {

std::string_view EmbeddedDemoCasesJson();  // generated from knowledge/cases/demo_cases.json

Result<int> LoadDemoCases(CaseService& service, store::Database& db) {
  RUTILE_ASSIGN_OR_RETURN(auto existing, store::Read(db, [](store::Connection& c) {
                            return repository::CountSyntheticPublicCases(c);
                          }));
  if (existing > 0) return 0;
  boost::system::error_code ec;
  boost::json::value doc = boost::json::parse(EmbeddedDemoCasesJson(), ec);
  if (ec || !doc.is_object() || !doc.as_object().contains("cases"))
    return Corruption("embedded demo cases are malformed");
  int added = 0;
  for (const auto& v : doc.as_object().at("cases").as_array()) {
    if (!v.is_object()) return Corruption("embedded demo case is not an object");
    RUTILE_ASSIGN_OR_RETURN(CaseInput input, CaseInputFromJson(v.as_object()));
    RUTILE_TRY(service.PublishSynthetic(input));
    ++added;
  }
  return added;
}

}  // namespace rutile::cases
