#include "rutile/standards/version_notice.h"

#include <map>
#include <set>

#include "rutile/notifications/notification_service.h"
#include "standards_repository.h"

namespace rutile::standards {
namespace {

// A key that is equal for profiles that match alike, so each is matched once per release.
std::string ProfileKey(const MatchProfile& p) {
  std::string k = p.grade ? std::to_string(*p.grade) : "-";
  for (const std::string* s :
       {&p.material, &p.preset, &p.industry, &p.equipment_type, &p.region_category, &p.scale_class})
    k += "|" + *s;
  k += "|" + (p.temperature_c ? std::to_string(*p.temperature_c) : "-");
  return k;
}

notifications::Message NoticeMessage(const OrganizationNotice& n, const std::string& code,
                                     const std::string& version, std::int64_t document_id) {
  std::string clauses;  // "item name: 4.2, 5.1; other item: 4.2", names as entered
  for (const auto& item : n.items) {
    if (!clauses.empty()) clauses += "; ";
    clauses += item.name + ": ";
    for (std::size_t i = 0; i < item.clause_numbers.size(); ++i)
      clauses += (i == 0 ? "" : ", ") + item.clause_numbers[i];
  }
  return notifications::CodedMessage("standards.version_affects_equipment",
                                     notifications::NoticeParams()
                                         .Add("document_id", document_id)
                                         .Add("document_code", code)
                                         .Add("version", version)
                                         .Add("count", static_cast<std::int64_t>(n.items.size()))
                                         .Add("items", clauses),
                                     "/standards");
}

}  // namespace

std::optional<MatchProfile> ProfileForEquipment(const RegisteredEquipment& item) {
  MatchProfile p;
  p.equipment_type = item.type;
  p.industry = item.industry;
  p.region_category = item.region_category;
  p.scale_class = item.scale_class;
  p.material = item.material;
  if (!item.material.empty() && !item.bath_preset.empty() && item.temperature_c) {
    p.preset = item.bath_preset;
    p.temperature_c = item.temperature_c;
    return p;
  }
  if (item.grade < 1 || item.grade > 4) return std::nullopt;
  p.grade = item.grade;
  p.preset = item.bath_preset;
  return p;
}

ReleaseNotices::ReleaseNotices(store::Database& db, const Clock& clock, StandardsService& standards,
                               EquipmentDirectory directory)
    : db_(db), clock_(clock), standards_(standards), directory_(std::move(directory)) {}

Result<ReleaseNoticeReport> ReleaseNotices::NotifyRelease(std::int64_t proposal_id) {
  struct Loaded {
    Proposal proposal;
    bool sent = false;
    std::vector<RegisteredEquipment> equipment;
  };
  RUTILE_ASSIGN_OR_RETURN(
      Loaded loaded, store::Read(db_, [&](store::Connection& c) -> Result<Loaded> {
        Loaded l;
        RUTILE_ASSIGN_OR_RETURN(l.proposal, repository::LoadProposal(c, proposal_id));
        if (l.proposal.state != ProposalState::kReleased)
          return FailedPrecondition("proposal " + std::to_string(proposal_id) + " is not released");
        RUTILE_ASSIGN_OR_RETURN(
            auto runs, c.Query("SELECT 1 FROM standard_release_notice_runs WHERE proposal_id = ?",
                               {proposal_id}));
        l.sent = !runs.empty();
        if (!l.sent && directory_) {
          RUTILE_ASSIGN_OR_RETURN(l.equipment, directory_(c));
        }
        return l;
      }));
  const Proposal& p = loaded.proposal;
  ReleaseNoticeReport report{proposal_id, p.document_code, p.released_version, loaded.sent, {}};
  if (loaded.sent) return report;

  std::set<std::string> changed;
  for (const auto& ch : p.changes)
    if (ch.action == "add" || ch.action == "amend") changed.insert(ch.clause_id);

  std::map<std::string, std::vector<std::string>> matched_by_profile;  // key -> changed numbers
  std::map<std::int64_t, OrganizationNotice> by_org;
  for (const auto& item : loaded.equipment) {
    if (changed.empty()) break;
    auto profile = ProfileForEquipment(item);
    if (!profile) continue;
    const std::string key = ProfileKey(*profile);
    auto cached = matched_by_profile.find(key);
    if (cached == matched_by_profile.end()) {
      auto m = standards_.Match(*profile);
      if (!m.has_value() && !profile->grade && item.grade >= 1 && item.grade <= 4) {
        // The engine could not assess the stored bath: fall back to the item's own grade.
        profile->grade = item.grade;
        profile->preset.clear();
        profile->temperature_c.reset();
        m = standards_.Match(*profile);
      }
      std::vector<std::string> numbers;
      if (m.has_value())
        for (const auto* list : {&m->mandatory, &m->recommended})
          for (const auto& mc : *list)
            if (changed.count(mc.id)) numbers.push_back(mc.number);
      cached = matched_by_profile.emplace(key, std::move(numbers)).first;
    }
    if (cached->second.empty()) continue;
    auto& notice = by_org[item.org_id];
    notice.org_id = item.org_id;
    notice.items.push_back({item.item_id, item.name, cached->second});
  }
  for (auto& [org, notice] : by_org) report.notices.push_back(std::move(notice));

  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Result<ReleaseNoticeReport> {
    RUTILE_ASSIGN_OR_RETURN(
        auto runs,
        c.Query("SELECT 1 FROM standard_release_notice_runs WHERE proposal_id = ?", {proposal_id}));
    if (!runs.empty()) {  // another process got there first
      ReleaseNoticeReport sent = report;
      sent.already_sent = true;
      sent.notices.clear();
      return sent;
    }
    RUTILE_TRY(c.Execute(
        "INSERT INTO standard_release_notice_runs (proposal_id, organizations, created_at) "
        "VALUES (?, ?, ?)",
        {proposal_id, static_cast<std::int64_t>(report.notices.size()), now}));
    for (const auto& n : report.notices) {
      RUTILE_TRY(
          c.Execute("INSERT INTO standard_release_notices (proposal_id, org_id, items, created_at) "
                    "VALUES (?, ?, ?, ?)",
                    {proposal_id, n.org_id, static_cast<std::int64_t>(n.items.size()), now}));
      RUTILE_TRY(notifications::NotificationService::NotifyOrganizationIn(
          c, n.org_id, NoticeMessage(n, p.document_code, p.released_version, p.document_id), false,
          now));
    }
    return report;
  });
}

Result<std::vector<ReleaseNoticeReport>> ReleaseNotices::NotifyPending() {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows, store::Read(db_, [](store::Connection& c) {
        return c.Query(
            "SELECT id FROM standard_proposals WHERE state = 'released' AND id NOT IN "
            "(SELECT proposal_id FROM standard_release_notice_runs) ORDER BY id");
      }));
  std::vector<ReleaseNoticeReport> out;
  for (const auto& r : rows) {
    RUTILE_ASSIGN_OR_RETURN(auto report, NotifyRelease(r.Int(0)));
    if (!report.already_sent) out.push_back(std::move(report));
  }
  return out;
}

}  // namespace rutile::standards
