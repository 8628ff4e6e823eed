#include "rutile/equipment/label.h"

#include <cstdio>

#include "rollup_repository.h"
#include "rutile/access/policy.h"
#include "rutile/documents/document.h"

namespace rutile::equipment {
namespace {

constexpr std::size_t kMaxLabels = 1000;  // pages in one label file

// A label holds one line or two of name: longer names are cut at a character boundary.
std::string ShortName(const std::string& name) {
  constexpr std::size_t kMaxCharacters = 40;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if ((static_cast<unsigned char>(name[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (++chars > kMaxCharacters) return name.substr(0, i) + "\u2026";
  }
  return name;
}

}  // namespace

std::string ItemUrl(std::string_view public_base_url, std::int64_t item_id) {
  std::string_view base = public_base_url;
  while (!base.empty() && base.back() == '/') base.remove_suffix(1);
  return std::string(base) + "/equipment/" + std::to_string(item_id);
}

std::string ItemCode(std::int64_t item_id) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "EQ-%06lld", static_cast<long long>(item_id));
  return buf;
}

Result<std::string> RenderLabels(const std::vector<LabelItem>& items, const LabelOptions& options) {
  if (items.empty()) return FailedPrecondition("there are no items to label");
  documents::Document doc("en");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const LabelItem& it = items[i];
    if (i > 0) doc.PageBreak();
    doc.QrCode(ItemUrl(options.public_base_url, it.id), options.qr_size_mm,
               ItemCode(it.id) + "  " + it.type + "  grade " + std::to_string(it.grade));
    doc.Paragraph(ShortName(it.name));
  }
  documents::PageOptions page;
  page.width_mm = options.width_mm;
  page.height_mm = options.height_mm;
  page.margin_mm = 5;  // the smallest margin the renderer accepts
  return documents::RenderPdf(doc, page);
}

LabelService::LabelService(store::Database& db, EquipmentService& equipment, LabelOptions options)
    : db_(db), equipment_(equipment), options_(std::move(options)) {}

Result<std::string> LabelService::ItemLabel(const access::Principal& caller, std::int64_t item_id) {
  RUTILE_ASSIGN_OR_RETURN(Item item, equipment_.Get(caller, item_id));
  return RenderLabels({{item.id, item.input.name, item.input.type, item.grade}}, options_);
}

Result<std::string> LabelService::OrgLabels(const access::Principal& caller, std::int64_t org_id) {
  access::RecordRef org;
  org.owner_org_id = org_id;
  RUTILE_TRY(access::Authorize(caller, access::Action::kRead, org));
  std::vector<views::ItemFact> facts;
  RUTILE_TRY(store::Read(db_, [&](store::Connection& c) -> Status {
    RUTILE_ASSIGN_OR_RETURN(facts, views::LoadItemFacts(c, "i.org_id = ?", {{org_id}}));
    return Ok();
  }));
  if (facts.size() > kMaxLabels)
    return InvalidArgument("too many items for one label file",
                           {{"org_id", "has more than 1000 items; print labels per item"}});
  std::vector<LabelItem> items;
  for (const auto& f : facts) items.push_back({f.id, f.name, f.type, f.grade});
  return RenderLabels(items, options_);
}

}  // namespace rutile::equipment
