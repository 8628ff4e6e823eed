#include "demo_data.h"

#include <map>

#include "platform.h"

namespace rutile::app {
namespace {

using access::OrgRole;
using access::PlatformRole;

struct DemoPark {
  const char* name;
  const char* region;
  const char* manager;  // organization name
};

struct DemoOrg {
  const char* name;
  const char* kind;
  const char* region;
  const char* industry;
  const char* park;  // park name or ""
  std::int64_t headcount;
  double revenue;
  bool in_association;
};

struct DemoUser {
  const char* email;
  const char* name;
  const char* language;
  const char* org;
  OrgRole role;
  std::vector<PlatformRole> platform_roles;
};

constexpr const char* kAssociation = "Titanium Heater Users Mutual Aid Association";

const DemoPark kParks[] = {
    {"Jinhe Surface Treatment Park", "cn-east", "Jinhe Park Management Committee"},
    {"Donghai Plating Cluster", "cn-east", "Donghai Cluster Office"},
    {"Xishan Electroplating Park", "cn-west", "Xishan Park Administration"},
};

// Headcount and revenue are chosen so every scale class appears under each region's rule.
const DemoOrg kOrgs[] = {
    {"Rutile Platform Operations", "platform_operator", "cn-east", "public_sector", "", 0, 0,
     false},
    {"Jinhe Park Management Committee", "industrial_park", "cn-east", "public_sector",
     "Jinhe Surface Treatment Park", 0, 0, false},
    {"Donghai Cluster Office", "industrial_park", "cn-east", "public_sector",
     "Donghai Plating Cluster", 0, 0, false},
    {"Xishan Park Administration", "industrial_park", "cn-west", "public_sector",
     "Xishan Electroplating Park", 0, 0, false},
    {kAssociation, "association", "cn-east", "electroplating", "", 0, 0, false},
    {"East China Ecology and Safety Bureau", "regulator", "cn-east", "public_sector", "", 0, 0,
     false},
    {"Coastal Corrosion Research Institute", "research_institute", "cn-east", "chemical", "", 0, 0,
     false},
    {"Hengtai Titanium Heater Manufacturing", "manufacturer", "cn-east", "heater_manufacturing", "",
     1200, 520e6, true},
    {"Li's Hard Chrome Workshop", "end_user_plant", "cn-east", "electroplating",
     "Jinhe Surface Treatment Park", 8, 1.2e6, true},
    {"Jinhe Bright Nickel Plating", "end_user_plant", "cn-east", "electroplating",
     "Jinhe Surface Treatment Park", 45, 12e6, true},
    {"Donghai Anodizing Works", "end_user_plant", "cn-east", "anodizing", "Donghai Plating Cluster",
     350, 80e6, false},
    {"Xishan Heater Repair Shop", "maintenance_workshop", "cn-west", "services",
     "Xishan Electroplating Park", 6, 0.8e6, false},
    {"Riverbank Plating Line Contractors", "contractor", "cn-east", "electroplating", "", 60, 25e6,
     false},
    {"Seaport Finishing Exports", "exporter", "cn-east", "electroplating", "", 320, 150e6, true},
    {"Precision Titanium Tube Supply", "parts_supplier", "cn-west", "heater_manufacturing", "", 30,
     8e6, false},
    {"Donghai Zinc and Phosphate Finishing", "end_user_plant", "cn-east", "electroplating",
     "Donghai Plating Cluster", 40, 9e6, false},
    {"Xishan Pickling and Etching", "end_user_plant", "cn-west", "pickling",
     "Xishan Electroplating Park", 25, 5e6, false},
    {"Officine Galvaniche del Sud", "end_user_plant", "eu-south", "electroplating", "", 35, 6e6,
     false},
    {"Clearwater Inspection Services", "service_provider", "cn-east", "services", "", 80, 30e6,
     true},
    {"Passivation and Cleaning Partners", "service_provider", "cn-west", "services", "", 25, 4e6,
     false},
};

const DemoUser kUsers[] = {
    {"operator@demo.rutile.example",
     "Platform Operator",
     "en",
     "Rutile Platform Operations",
     OrgRole::kAdmin,
     {PlatformRole::kOperator}},
    {"admin@demo.rutile.example",
     "Wang Fang",
     "zh",
     "Jinhe Bright Nickel Plating",
     OrgRole::kAdmin,
     {}},
    {"member@demo.rutile.example",
     "Chen Jie",
     "zh",
     "Jinhe Bright Nickel Plating",
     OrgRole::kMember,
     {}},
    {"li@demo.rutile.example", "Li Wei", "zh", "Li's Hard Chrome Workshop", OrgRole::kAdmin, {}},
    {"anodizing@demo.rutile.example",
     "Zhao Min",
     "zh",
     "Donghai Anodizing Works",
     OrgRole::kAdmin,
     {}},
    {"park@demo.rutile.example",
     "Sun Hong",
     "zh",
     "Jinhe Park Management Committee",
     OrgRole::kAdmin,
     {}},
    {"association@demo.rutile.example", "Liu Yang", "zh", kAssociation, OrgRole::kAdmin, {}},
    {"regulator@demo.rutile.example",
     "Huang Lei",
     "zh",
     "East China Ecology and Safety Bureau",
     OrgRole::kMember,
     {PlatformRole::kRegulatorAnalyst}},
    {"expert@demo.rutile.example",
     "Dr. Amina Haddad",
     "ar",
     "Coastal Corrosion Research Institute",
     OrgRole::kMember,
     {PlatformRole::kExpert}},
    {"examiner@demo.rutile.example",
     "Prof. Lucia Ferreira",
     "pt",
     "Coastal Corrosion Research Institute",
     OrgRole::kMember,
     {PlatformRole::kExaminer}},
    {"provider@demo.rutile.example",
     "Zhou Qiang",
     "zh",
     "Clearwater Inspection Services",
     OrgRole::kAdmin,
     {}},
    {"maker@demo.rutile.example",
     "Xu Ming",
     "zh",
     "Hengtai Titanium Heater Manufacturing",
     OrgRole::kAdmin,
     {}},
    {"repair@demo.rutile.example",
     "Tang Bo",
     "zh",
     "Xishan Heater Repair Shop",
     OrgRole::kAdmin,
     {}},
    {"zinc@demo.rutile.example",
     "Qian Lin",
     "zh",
     "Donghai Zinc and Phosphate Finishing",
     OrgRole::kAdmin,
     {}},
    {"pickling@demo.rutile.example",
     "Ma Jun",
     "zh",
     "Xishan Pickling and Etching",
     OrgRole::kAdmin,
     {}},
    {"europe@demo.rutile.example",
     "Marco Rossi",
     "es",
     "Officine Galvaniche del Sud",
     OrgRole::kAdmin,
     {}},
};

}  // namespace

Result<DemoSummary> LoadDemoData(Platform& platform) {
  identity::IdentityService& identity = platform.identity();
  DemoSummary summary;
  std::map<std::string, std::int64_t> park_ids;
  std::map<std::string, std::int64_t> org_ids;
  std::map<std::string, const identity::Park*> existing_parks;

  RUTILE_ASSIGN_OR_RETURN(auto parks, identity.ListParks(""));
  for (const auto& p : parks) park_ids[p.name] = p.id;
  for (const DemoPark& p : kParks) {
    if (park_ids.count(p.name)) continue;
    RUTILE_ASSIGN_OR_RETURN(auto park, identity.CreatePark(p.name, p.region, 0));
    park_ids[p.name] = park.id;
    ++summary.parks_created;
  }

  RUTILE_ASSIGN_OR_RETURN(auto orgs, identity.ListOrganizations(""));
  for (const auto& o : orgs) org_ids[o.name] = o.id;
  for (const DemoOrg& o : kOrgs) {
    if (org_ids.count(o.name)) continue;
    identity::NewOrganization in;
    in.name = o.name;
    in.kind = o.kind;
    in.region = o.region;
    in.industry = o.industry;
    if (*o.park) in.park_id = park_ids.at(o.park);
    if (o.headcount > 0) {
      in.headcount = o.headcount;
      in.annual_revenue = o.revenue;
    }
    if (o.in_association) in.association_ids.push_back(org_ids.at(kAssociation));
    RUTILE_ASSIGN_OR_RETURN(auto org, identity.CreateOrganization(in));
    org_ids[o.name] = org.id;
    ++summary.organizations_created;
  }
  for (const DemoPark& p : kParks)
    RUTILE_TRY(identity.SetParkManager(park_ids.at(p.name), org_ids.at(p.manager)));

  for (const DemoUser& u : kUsers) {
    auto created = identity.CreateUser({u.email, kDemoPassword, u.name, u.language},
                                       org_ids.at(u.org), u.role, u.platform_roles);
    if (created.has_value()) {
      ++summary.users_created;
    } else if (created.error().code() != ErrorCode::kAlreadyExists) {
      return std::move(created).error();
    }
    std::string roles = std::string(identity::OrgRoleName(u.role));
    for (auto r : u.platform_roles) roles += "+" + std::string(identity::PlatformRoleName(r));
    summary.accounts.push_back(std::string(u.email) + "  " + roles + "  " + u.org);
  }
  // Synthetic, desensitized failure cases (marked synthetic), loaded once.
  RUTILE_ASSIGN_OR_RETURN(summary.demo_cases_added,
                          cases::LoadDemoCases(platform.cases(), platform.database()));
  RUTILE_TRY(LoadDemoEquipment(platform));
  return summary;
}

}  // namespace rutile::app
