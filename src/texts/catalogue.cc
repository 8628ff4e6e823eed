#include "rutile/texts/catalogue.h"

#include <algorithm>
#include <boost/json.hpp>

#include "rutile/core/check.h"

namespace rutile::texts {
namespace {

namespace json = boost::json;

void Flatten(const json::value& v, const std::string& prefix,
             std::map<std::string, std::string, std::less<>>& out) {
  if (const json::string* s = v.if_string()) {
    out[prefix] = std::string(*s);
    return;
  }
  const json::object* o = v.if_object();
  if (o == nullptr) return;
  for (const auto& [key, child] : *o) {
    std::string name = prefix;
    if (name.back() != ':') name += '.';
    name += std::string(key);
    Flatten(child, name, out);
  }
}

}  // namespace

bool IsLanguage(std::string_view lang) {
  return std::find(std::begin(kLanguages), std::end(kLanguages), lang) != std::end(kLanguages);
}

Result<Catalogue> Catalogue::Parse(std::string_view lang, std::span<const Document> documents) {
  Catalogue c;
  c.lang_ = std::string(lang);
  for (const Document& d : documents) {
    boost::system::error_code ec;
    json::value v = json::parse(d.json, ec);
    if (ec || !v.is_object()) {
      return InvalidArgument(
          "a text catalogue is not a JSON object",
          {{std::string(lang) + "/" + std::string(d.name) + ".json", "must be a JSON object"}});
    }
    Flatten(v, std::string(d.name) + ":", c.texts_);
  }
  return c;
}

const Catalogue& Catalogue::ForLanguage(std::string_view lang) {
  static const std::map<std::string, Catalogue, std::less<>> all = [] {
    std::map<std::string, Catalogue, std::less<>> m;
    for (std::string_view l : kLanguages) {
      auto parsed = Parse(l, EmbeddedDocuments(l));
      RUTILE_CHECK(parsed.has_value(), "an embedded text catalogue is invalid");
      m.emplace(std::string(l), std::move(parsed).value());
    }
    return m;
  }();
  auto it = all.find(lang);
  return it == all.end() ? all.at("en") : it->second;
}

bool Catalogue::Has(std::string_view key) const { return texts_.find(key) != texts_.end(); }

std::string Catalogue::Get(std::string_view key, const Params& params) const {
  auto it = texts_.find(key);
  if (it == texts_.end()) return std::string(key);
  std::string out = it->second;
  for (const auto& [name, value] : params) {
    const std::string slot = "{{" + name + "}}";
    for (std::size_t at = out.find(slot); at != std::string::npos;
         at = out.find(slot, at + value.size()))
      out.replace(at, slot.size(), value);
  }
  return out;
}

std::string Catalogue::GetOr(std::string_view key, std::string_view fallback) const {
  auto it = texts_.find(key);
  return it == texts_.end() ? std::string(fallback) : it->second;
}

}  // namespace rutile::texts
