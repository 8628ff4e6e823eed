#include "rutile/kit/kit_texts.h"

#include <boost/json.hpp>
#include <map>

namespace rutile::kit {

#define RUTILE_KIT_LANG(l)                \
  std::string_view EmbeddedKitText_##l(); \
  std::string_view EmbeddedKbText_##l();
RUTILE_KIT_LANG(en)
RUTILE_KIT_LANG(zh)
RUTILE_KIT_LANG(es)
RUTILE_KIT_LANG(fr)
RUTILE_KIT_LANG(pt)
RUTILE_KIT_LANG(ar)
#undef RUTILE_KIT_LANG

namespace {

namespace json = boost::json;

void Flatten(const json::value& v, const std::string& prefix,
             std::map<std::string, std::string, std::less<>>& out) {
  if (v.is_string()) {
    out[prefix] = std::string(v.as_string());
    return;
  }
  if (!v.is_object()) return;
  for (const auto& [key, child] : v.as_object()) {
    std::string name = prefix;
    name += prefix.back() == ':' ? "" : ".";
    name += std::string(key);
    Flatten(child, name, out);
  }
}

}  // namespace

Result<KitTexts> KitTexts::Parse(std::string_view lang, std::string_view kit_json,
                                 std::string_view kb_json) {
  KitTexts texts;
  texts.lang_ = std::string(lang);
  for (auto [ns, text] : {std::pair{"kit:", kit_json}, std::pair{"kb:", kb_json}}) {
    boost::system::error_code ec;
    json::value v = json::parse(text, ec);
    if (ec || !v.is_object()) {
      return InvalidArgument("a text catalogue is not a JSON object",
                             {{std::string(lang) + "/" + std::string(ns), "invalid JSON"}});
    }
    Flatten(v, ns, texts.texts_);
  }
  return texts;
}

const KitTexts& KitTexts::ForLanguage(std::string_view lang) {
  static const std::map<std::string, KitTexts, std::less<>> all = [] {
    std::map<std::string, KitTexts, std::less<>> m;
    auto add = [&m](std::string_view l, std::string_view kit, std::string_view kb) {
      auto parsed = Parse(l, kit, kb);
      RUTILE_CHECK(parsed.has_value(), "an embedded kit text catalogue is invalid");
      m.emplace(std::string(l), std::move(parsed).value());
    };
    add("en", EmbeddedKitText_en(), EmbeddedKbText_en());
    add("zh", EmbeddedKitText_zh(), EmbeddedKbText_zh());
    add("es", EmbeddedKitText_es(), EmbeddedKbText_es());
    add("fr", EmbeddedKitText_fr(), EmbeddedKbText_fr());
    add("pt", EmbeddedKitText_pt(), EmbeddedKbText_pt());
    add("ar", EmbeddedKitText_ar(), EmbeddedKbText_ar());
    return m;
  }();
  auto it = all.find(lang);
  return it == all.end() ? all.at("en") : it->second;
}

bool KitTexts::Has(std::string_view key) const { return texts_.find(key) != texts_.end(); }

std::string KitTexts::Get(std::string_view key,
                          const std::vector<std::pair<std::string, std::string>>& params) const {
  auto it = texts_.find(key);
  if (it == texts_.end()) return std::string(key);
  std::string out = it->second;
  for (const auto& [name, value] : params) {
    const std::string slot = "{{" + name + "}}";
    for (std::size_t at = out.find(slot); at != std::string::npos;
         at = out.find(slot, at + value.size())) {
      out.replace(at, slot.size(), value);
    }
  }
  return out;
}

}  // namespace rutile::kit
