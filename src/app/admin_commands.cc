// `rutile migrate`, `rutile org add|list` and `rutile user add`: operator commands that work
// directly on the database.
#include <boost/json.hpp>
#include <iostream>

#include "command.h"
#include "rutile/identity/model.h"
#include "rutile/store/database.h"
#include "rutile/store/migrations.h"

namespace rutile::app {
namespace {

namespace json = boost::json;

struct OrgFlags {
  StoreFlags store;
  std::string name, kind, region, industry;
  std::optional<std::int64_t> park, headcount;
  std::optional<double> revenue;
  std::vector<std::int64_t> associations;
  std::string list_region;
};

struct UserFlags {
  StoreFlags store;
  std::string email, password, name, language = "en";
  std::int64_t org = 0;
  std::string role = "member";
  std::vector<std::string> platform_roles;
};

Result<std::unique_ptr<Platform>> OpenPlatform(const GlobalOptions& g, const StoreFlags& s) {
  RUTILE_ASSIGN_OR_RETURN(PlatformOptions options, ResolvePlatformOptions(g, s));
  options.pool_size = 1;
  return Platform::Open(options);
}

json::object OrgJson(const identity::Organization& o) {
  json::object j{
      {"id", o.id},         {"name", o.name},         {"kind", identity::OrgKindName(o.kind)},
      {"region", o.region}, {"industry", o.industry}, {"park_id", o.park_id}};
  j["scale_class"] =
      o.scale_class ? json::value(identity::ScaleClassName(*o.scale_class)) : json::value(nullptr);
  return j;
}

// Schema changes only: the ledger is not opened, so migrating signs nothing and makes no key.
Result<std::vector<int>> ApplyAllMigrations(const GlobalOptions& g, const StoreFlags& s) {
  RUTILE_ASSIGN_OR_RETURN(PlatformOptions options, ResolvePlatformOptions(g, s));
  RUTILE_ASSIGN_OR_RETURN(auto db, store::OpenDatabase(options.database_url, 1));
  return store::ApplyMigrations(*db, AllMigrations());
}

int Migrate(const GlobalOptions& g, const StoreFlags& s) {
  auto migrated = ApplyAllMigrations(g, s);
  if (!migrated.has_value()) return PrintError(migrated.error());
  const std::vector<int>& applied = *migrated;
  if (g.json) {
    json::array a;
    for (int v : applied) a.push_back(v);
    PrintJson(json::object{{"applied", std::move(a)},
                           {"known", static_cast<std::int64_t>(AllMigrations().size())}});
  } else if (applied.empty()) {
    std::cout << "schema is up to date (" << AllMigrations().size() << " migrations)\n";
  } else {
    std::cout << "applied " << applied.size() << " migration(s):";
    for (int v : applied) std::cout << " " << v;
    std::cout << "\n";
  }
  return 0;
}

int AddOrg(const GlobalOptions& g, const OrgFlags& f) {
  auto p = OpenPlatform(g, f.store);
  if (!p.has_value()) return PrintError(p.error());
  identity::NewOrganization o{f.name,      f.kind,    f.region,      f.industry, f.park.value_or(0),
                              f.headcount, f.revenue, f.associations};
  auto org = (*p)->identity().CreateOrganization(o);
  if (!org.has_value()) return PrintError(org.error());
  if (g.json) {
    PrintJson(OrgJson(*org));
  } else {
    std::cout << "organization " << org->id << " '" << org->name << "' ("
              << identity::OrgKindName(org->kind) << ", " << org->region;
    if (org->scale_class) std::cout << ", " << identity::ScaleClassName(*org->scale_class);
    std::cout << ") created\n";
  }
  return 0;
}

int ListOrgs(const GlobalOptions& g, const OrgFlags& f) {
  auto p = OpenPlatform(g, f.store);
  if (!p.has_value()) return PrintError(p.error());
  auto orgs = (*p)->identity().ListOrganizations(f.list_region);
  if (!orgs.has_value()) return PrintError(orgs.error());
  if (g.json) {
    json::array a;
    for (const auto& o : *orgs) a.push_back(OrgJson(o));
    PrintJson(json::object{{"organizations", std::move(a)}});
  } else {
    for (const auto& o : *orgs)
      std::cout << o.id << "\t" << identity::OrgKindName(o.kind) << "\t" << o.region << "\t"
                << o.name << "\n";
  }
  return 0;
}

int AddUser(const GlobalOptions& g, const UserFlags& f) {
  auto role = identity::ParseOrgRole(f.role);
  if (!role) return PrintError(InvalidArgument("--role must be member or admin"));
  std::vector<access::PlatformRole> roles;
  for (const auto& name : f.platform_roles) {
    auto r = identity::ParsePlatformRole(name);
    if (!r)
      return PrintError(
          InvalidArgument("--platform-role must be expert, examiner, "
                          "regulator_analyst or operator, not '" +
                          name + "'"));
    roles.push_back(*r);
  }
  auto p = OpenPlatform(g, f.store);
  if (!p.has_value()) return PrintError(p.error());
  auto user =
      (*p)->identity().CreateUser({f.email, f.password, f.name, f.language}, f.org, *role, roles);
  if (!user.has_value()) return PrintError(user.error());
  if (g.json) {
    PrintJson(json::object{{"id", user->id},
                           {"email", user->email},
                           {"name", user->name},
                           {"org_id", f.org},
                           {"role", f.role}});
  } else {
    std::cout << "user " << user->id << " <" << user->email << "> added to organization " << f.org
              << " as " << f.role << "\n";
  }
  return 0;
}

}  // namespace

void AddAdminCommands(CLI::App& app, GlobalOptions& global, CommandFn& run) {
  auto migrate_flags = std::make_shared<StoreFlags>();
  CLI::App* migrate = app.add_subcommand("migrate", "Apply database migrations");
  AddStoreFlags(*migrate, *migrate_flags);
  migrate->callback([&, migrate_flags] {
    run = [&global, migrate_flags] { return Migrate(global, *migrate_flags); };
  });

  CLI::App* org = app.add_subcommand("org", "Manage organizations");
  org->require_subcommand(1);
  auto of = std::make_shared<OrgFlags>();
  CLI::App* add = org->add_subcommand("add", "Register an organization");
  AddStoreFlags(*add, of->store);
  add->add_option("--name", of->name, "Organization name")->required();
  add->add_option("--kind", of->kind,
                  "manufacturer, end_user_plant, maintenance_workshop, contractor, exporter, "
                  "parts_supplier, service_provider, industrial_park, association, regulator, "
                  "research_institute or platform_operator")
      ->required();
  add->add_option("--region", of->region, "Region code, e.g. cn-east")->required();
  add->add_option("--industry", of->industry, "Industry id, e.g. electroplating");
  add->add_option("--park", of->park, "Park id");
  add->add_option("--headcount", of->headcount, "Employees");
  add->add_option("--revenue", of->revenue, "Annual revenue in the region's currency");
  add->add_option("--association", of->associations, "Association organization id (repeatable)");
  add->callback([&, of] { run = [&global, of] { return AddOrg(global, *of); }; });
  CLI::App* list = org->add_subcommand("list", "List organizations");
  AddStoreFlags(*list, of->store);
  list->add_option("--region", of->list_region, "Only this region");
  list->callback([&, of] { run = [&global, of] { return ListOrgs(global, *of); }; });

  CLI::App* user = app.add_subcommand("user", "Manage users");
  user->require_subcommand(1);
  auto uf = std::make_shared<UserFlags>();
  CLI::App* uadd = user->add_subcommand("add", "Create a user in an organization");
  AddStoreFlags(*uadd, uf->store);
  uadd->add_option("--email", uf->email, "E-mail address (the log-in name)")->required();
  uadd->add_option("--password", uf->password, "Password, at least 10 characters")->required();
  uadd->add_option("--name", uf->name, "Display name (default: the e-mail address)");
  uadd->add_option("--language", uf->language, "en, zh, es, fr, pt or ar (default en)");
  uadd->add_option("--org", uf->org, "Organization id")->required();
  uadd->add_option("--role", uf->role, "member or admin (default member)");
  uadd->add_option("--platform-role", uf->platform_roles,
                   "expert, examiner, regulator_analyst or operator (repeatable)");
  uadd->callback([&, uf] {
    if (uf->name.empty()) uf->name = uf->email;
    run = [&global, uf] { return AddUser(global, *uf); };
  });
}

}  // namespace rutile::app
