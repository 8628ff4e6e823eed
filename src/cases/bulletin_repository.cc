#include "bulletin_repository.h"

#include <boost/json.hpp>

#include "rutile/cases/bulletin_json.h"

namespace rutile::cases::bulletin_repository {
namespace {

namespace json = boost::json;

constexpr const char* kColumns =
    "SELECT id, state, severity, origin, cluster_key, author_id, created_at, updated_at, "
    "published_at, withdrawn_at, body_json FROM bulletins";

std::string Body(const Bulletin& b) {
  return json::serialize(
      json::object{{"texts", TextsToJson(b.texts)}, {"rule", RuleToJson(b.rule)}});
}

Status InsertCases(store::Connection& c, const Bulletin& b) {
  for (auto case_id : b.case_ids)
    RUTILE_TRY(c.Execute("INSERT INTO bulletin_cases (bulletin_id, case_id) VALUES (?, ?)",
                         {b.id, case_id}));
  return Ok();
}

Result<Bulletin> FromRow(store::Connection& c, const store::Row& r) {
  Bulletin b;
  b.id = r.Int(0);
  b.state = ParseBulletinState(r.Text(1)).value_or(BulletinState::kDraft);
  b.severity = ParseBulletinSeverity(r.Text(2)).value_or(BulletinSeverity::kAdvisory);
  b.origin = r.Text(3);
  b.cluster_key = r.Text(4);
  b.author_id = r.Int(5);
  b.created_at = r.Int(6);
  b.updated_at = r.Int(7);
  b.published_at = r.Int(8);
  b.withdrawn_at = r.Int(9);
  boost::system::error_code ec;
  json::value body = json::parse(r.Text(10), ec);
  const std::string bad = "stored bulletin " + std::to_string(b.id) + " is malformed";
  if (ec || !body.is_object() || !body.as_object().contains("texts") ||
      !body.as_object().contains("rule"))
    return Corruption(bad);
  auto texts = TextsFromJson(body.at("texts"), "texts");
  auto rule = RuleFromJson(body.at("rule"), "rule.");
  if (!texts.has_value() || !rule.has_value()) return Corruption(bad);
  b.texts = std::move(texts).value();
  b.rule = std::move(rule).value();
  RUTILE_ASSIGN_OR_RETURN(
      auto rows,
      c.Query("SELECT case_id FROM bulletin_cases WHERE bulletin_id = ? ORDER BY case_id", {b.id}));
  for (const auto& row : rows) b.case_ids.push_back(row.Int(0));
  return b;
}

}  // namespace

Result<std::int64_t> Insert(store::Connection& c, const Bulletin& b) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows,
      c.Query("INSERT INTO bulletins (state, severity, origin, cluster_key, author_id, created_at, "
              "updated_at, published_at, withdrawn_at, body_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
              "?, ?) RETURNING id",
              {std::string(BulletinStateName(b.state)),
               std::string(BulletinSeverityName(b.severity)), b.origin, b.cluster_key, b.author_id,
               b.created_at, b.updated_at, b.published_at, b.withdrawn_at, Body(b)}));
  Bulletin stored = b;
  stored.id = rows.at(0).Int(0);
  RUTILE_TRY(InsertCases(c, stored));
  return stored.id;
}

Status Update(store::Connection& c, const Bulletin& b) {
  RUTILE_ASSIGN_OR_RETURN(
      auto changed,
      c.Execute(
          "UPDATE bulletins SET state = ?, severity = ?, updated_at = ?, published_at = ?, "
          "withdrawn_at = ?, body_json = ? WHERE id = ?",
          {std::string(BulletinStateName(b.state)), std::string(BulletinSeverityName(b.severity)),
           b.updated_at, b.published_at, b.withdrawn_at, Body(b), b.id}));
  if (changed != 1) return NotFound("bulletin " + std::to_string(b.id) + " does not exist");
  RUTILE_TRY(c.Execute("DELETE FROM bulletin_cases WHERE bulletin_id = ?", {b.id}));
  return InsertCases(c, b);
}

Result<Bulletin> Load(store::Connection& c, std::int64_t id) {
  RUTILE_ASSIGN_OR_RETURN(auto rows, c.Query(std::string(kColumns) + " WHERE id = ?", {id}));
  if (rows.empty()) return NotFound("bulletin " + std::to_string(id) + " does not exist");
  return FromRow(c, rows[0]);
}

Result<std::vector<Bulletin>> List(store::Connection& c, std::optional<BulletinState> state,
                                   int limit, int offset) {
  std::vector<store::Value> params;
  std::string sql = kColumns;
  if (state) {
    sql += " WHERE state = ?";
    params.emplace_back(std::string(BulletinStateName(*state)));
  }
  sql += " ORDER BY published_at DESC, id DESC LIMIT ? OFFSET ?";
  params.emplace_back(static_cast<std::int64_t>(limit));
  params.emplace_back(static_cast<std::int64_t>(offset));
  RUTILE_ASSIGN_OR_RETURN(auto rows, c.Query(sql, params));
  std::vector<Bulletin> out;
  for (const auto& r : rows) {
    RUTILE_ASSIGN_OR_RETURN(auto b, FromRow(c, r));
    out.push_back(std::move(b));
  }
  return out;
}

Result<Coverage> LoadCoverage(store::Connection& c) {
  Coverage cov;
  RUTILE_ASSIGN_OR_RETURN(auto keys,
                          c.Query("SELECT cluster_key FROM bulletins WHERE cluster_key <> ''"));
  for (const auto& r : keys) cov.cluster_keys.insert(r.Text(0));
  RUTILE_ASSIGN_OR_RETURN(auto cited,
                          c.Query("SELECT bc.case_id FROM bulletin_cases bc JOIN bulletins b ON "
                                  "b.id = bc.bulletin_id WHERE b.state <> 'withdrawn'"));
  for (const auto& r : cited) cov.cited_cases.insert(r.Int(0));
  return cov;
}

Status InsertDelivery(store::Connection& c, std::int64_t bulletin_id, const BulletinDelivery& d) {
  RUTILE_TRY(
      c.Execute("INSERT INTO bulletin_deliveries (bulletin_id, org_id, items_matched, "
                "delivered_at) VALUES (?, ?, ?, ?)",
                {bulletin_id, d.org_id, d.items_matched, d.delivered_at}));
  return Ok();
}

Result<std::vector<BulletinDelivery>> Deliveries(store::Connection& c, std::int64_t bulletin_id) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows, c.Query("SELECT org_id, items_matched, delivered_at FROM bulletin_deliveries "
                         "WHERE bulletin_id = ? ORDER BY org_id",
                         {bulletin_id}));
  std::vector<BulletinDelivery> out;
  for (const auto& r : rows) out.push_back({r.Int(0), r.Int(1), r.Int(2)});
  return out;
}

}  // namespace rutile::cases::bulletin_repository
