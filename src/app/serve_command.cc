#include <spdlog/spdlog.h>

#include <charconv>
#include <iostream>
#include <thread>

#include "background_jobs.h"
#include "command.h"
#include "rutile/equipment/mqtt_ingest.h"
#include "rutile/equipment/reminder_job.h"
#include "rutile/http/server.h"

namespace rutile::app {
namespace {

struct ServeFlags {
  StoreFlags store;
  std::optional<std::string> listen;
  std::optional<std::string> static_dir;
  std::optional<std::string> log_level;
  std::optional<std::string> io_threads;
  std::optional<std::string> worker_threads;
  std::optional<std::string> body_limit;
  std::optional<std::string> mqtt_url;
  std::optional<std::string> mqtt_username;
  std::optional<std::string> mqtt_password;
  std::optional<std::string> public_base_url;
  std::optional<std::string> min_cell_size;
  std::optional<std::string> smtp_host;
  std::optional<std::string> smtp_port;
  std::optional<std::string> smtp_from;
  std::optional<std::string> reminder_interval_s;
  std::optional<std::string> trusted_proxies;
  std::optional<std::string> metrics_access;
  std::optional<std::string> max_connections;
};

Result<int> ParseCount(const std::string& key, const std::string& text, int min, int max) {
  int v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < min || v > max)
    return InvalidArgument(key + " must be a whole number from " + std::to_string(min) + " to " +
                           std::to_string(max) + ", not '" + text + "'");
  return v;
}

// Mail for maintenance reminders and digests, when an SMTP relay is configured.
Result<std::optional<equipment::SmtpSettings>> ResolveSmtp(const Settings& settings,
                                                           const ServeFlags& flags) {
  std::string host = settings.Resolve("smtp-host", flags.smtp_host, "");
  if (host.empty()) return std::optional<equipment::SmtpSettings>();
  equipment::SmtpSettings smtp;
  smtp.host = host;
  RUTILE_ASSIGN_OR_RETURN(
      smtp.port,
      ParseCount("smtp-port", settings.Resolve("smtp-port", flags.smtp_port, "25"), 1, 65535));
  smtp.from = settings.Resolve("smtp-from", flags.smtp_from, "rutile@localhost");
  return std::optional<equipment::SmtpSettings>(smtp);
}

Status ParseListen(const std::string& text, http::ServerOptions& options) {
  std::size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0)
    return InvalidArgument("--listen must be HOST:PORT, such as 127.0.0.1:8080, not '" + text +
                           "'");
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  RUTILE_ASSIGN_OR_RETURN(int port, ParseCount("the port", text.substr(colon + 1), 0, 65535));
  options.host = host;
  options.port = static_cast<unsigned short>(port);
  return Ok();
}

int Serve(const GlobalOptions& global, const ServeFlags& flags) {
  auto settings = LoadSettings(global);
  if (!settings.has_value()) return PrintError(settings.error());
  auto platform_options = ResolvePlatformOptions(global, flags.store);
  if (!platform_options.has_value()) return PrintError(platform_options.error());

  http::ServerOptions server;
  if (auto s = ParseListen(settings->Resolve("listen", flags.listen, "127.0.0.1:8080"), server);
      !s.has_value())
    return PrintError(s.error());
  server.static_dir = settings->Resolve("static-dir", flags.static_dir, "web/dist");
  const int cores = std::max(1u, std::thread::hardware_concurrency());
  auto io =
      ParseCount("io-threads",
                 settings->Resolve("io-threads", flags.io_threads, std::to_string(cores)), 1, 256);
  auto workers = ParseCount(
      "worker-threads",
      settings->Resolve("worker-threads", flags.worker_threads, std::to_string(2 * cores)), 1,
      1024);
  auto body = ParseCount("body-limit", settings->Resolve("body-limit", flags.body_limit, "1048576"),
                         1024, 1 << 30);
  for (auto* r : {&io, &workers, &body})
    if (!r->has_value()) return PrintError(r->error());
  server.io_threads = *io;
  server.worker_threads = *workers;
  server.body_limit_bytes = static_cast<std::size_t>(*body);

  auto proxies =
      http::TrustedProxies::Parse(settings->Resolve("trusted-proxies", flags.trusted_proxies, ""));
  if (!proxies.has_value()) return PrintError(proxies.error());
  server.trusted_proxies = std::move(proxies).value();
  auto metrics_access = http::MetricsAccess::Parse(
      settings->Resolve("metrics-access", flags.metrics_access, "loopback"));
  if (!metrics_access.has_value()) return PrintError(metrics_access.error());
  server.metrics_access = std::move(metrics_access).value();
  auto max_connections =
      ParseCount("max-connections",
                 settings->Resolve("max-connections", flags.max_connections, "1024"), 1, 1000000);
  if (!max_connections.has_value()) return PrintError(max_connections.error());
  server.max_connections = static_cast<std::size_t>(*max_connections);

  std::string level = settings->Resolve("log-level", flags.log_level, "info");
  auto parsed_level = spdlog::level::from_str(level);
  if (parsed_level == spdlog::level::off && level != "off")
    return PrintError(
        InvalidArgument("--log-level must be one of trace, debug, info, warn, "
                        "error, critical, off"));
  spdlog::set_level(parsed_level);

  platform_options->public_base_url =
      settings->Resolve("public-base-url", flags.public_base_url, "http://localhost:8080");
  auto min_cell = ParseCount("min-cell-size",
                             settings->Resolve("min-cell-size", flags.min_cell_size, "5"), 2, 1000);
  auto reminder_every = ParseCount(
      "reminder-interval-s",
      settings->Resolve("reminder-interval-s", flags.reminder_interval_s, "900"), 10, 86400);
  auto smtp = ResolveSmtp(*settings, flags);
  if (!min_cell.has_value()) return PrintError(min_cell.error());
  if (!reminder_every.has_value()) return PrintError(reminder_every.error());
  if (!smtp.has_value()) return PrintError(smtp.error());
  platform_options->min_cell_size = *min_cell;

  // Pool: one connection per worker so blocking handlers never wait for each other.
  platform_options->pool_size = server.worker_threads;
  auto platform = Platform::Open(*platform_options);
  if (!platform.has_value()) return PrintError(platform.error());
  Platform& p = **platform;
  if (auto s = p.ledger().WriteStatus(); !s.has_value())
    spdlog::error("the ledger refuses writes until this is resolved: {}", s.error().message());

  // MQTT ingestion, when a broker is configured: connects and reconnects in the background.
  std::unique_ptr<equipment::MqttIngest> mqtt;
  if (std::string url = settings->Resolve("mqtt-url", flags.mqtt_url, ""); !url.empty()) {
    equipment::MqttSettings mqtt_settings;
    mqtt_settings.url = url;
    mqtt_settings.username = settings->Resolve("mqtt-username", flags.mqtt_username, "");
    mqtt_settings.password = settings->Resolve("mqtt-password", flags.mqtt_password, "");
    mqtt = std::make_unique<equipment::MqttIngest>(p.equipment(), mqtt_settings);
    if (auto s = mqtt->Start(); !s.has_value()) return PrintError(s.error());
  }

  // Periodic work; each job is idempotent, so several server processes may run it.
  equipment::ReminderJob reminders(p.database(), *smtp);
  BackgroundJobs jobs;
  jobs.Add("release-notices", std::chrono::minutes(10), [&p]() -> Status {
    RUTILE_TRY(p.release_notices().NotifyPending());
    return Ok();
  });
  jobs.Add("maintenance-reminders", std::chrono::seconds(*reminder_every),
           [&p, &reminders]() -> Status {
             RUTILE_ASSIGN_OR_RETURN(auto report, reminders.RunOnce(p.clock().Now()));
             for (const auto& e : report.email_errors)
               spdlog::warn("maintenance reminder e-mail: {}", e);
             return Ok();
           });
  jobs.Add("bulletin-auto-drafts", std::chrono::hours(24), [&p]() -> Status {
    RUTILE_TRY(p.bulletins().RunAutoDrafting());
    return Ok();
  });
  jobs.Add("session-purge", std::chrono::hours(1), [&p]() -> Status {
    RUTILE_ASSIGN_OR_RETURN(auto purged, p.identity().PurgeExpiredSessions());
    if (purged > 0) spdlog::info("purged {} expired or idle sessions", purged);
    return Ok();
  });
  // Last, so that its first run (building the case index) does not delay the others.
  jobs.Add("case-search-index", std::chrono::minutes(1),
           [&p]() -> Status { return p.cases().RefreshIndex(); });
  jobs.Start();

  http::Server http_server(
      server, p.BuildRouter(),
      [&p](const std::string& token) { return p.identity().Authenticate(token); },
      [&p, &mqtt] { return p.MetricsText() + (mqtt ? mqtt->MetricsText() : std::string()); });
  if (auto s = http_server.Listen(); !s.has_value()) return PrintError(s.error());
  std::cout << "listening on http://" << server.host << ":" << http_server.BoundPort() << std::endl;
  spdlog::info("serving {} with {} I/O and {} worker threads; database {}", server.static_dir,
               server.io_threads, server.worker_threads, p.database().Describe());
  http_server.Run();
  jobs.Stop();
  if (mqtt) mqtt->Stop();
  spdlog::info("stopped");
  return 0;
}

}  // namespace

void AddServeCommand(CLI::App& app, GlobalOptions& global, CommandFn& run) {
  auto flags = std::make_shared<ServeFlags>();
  CLI::App* cmd = app.add_subcommand("serve", "Serve the API and the web app");
  AddStoreFlags(*cmd, flags->store);
  cmd->add_option("--listen", flags->listen,
                  "HOST:PORT to listen on; port 0 picks a free one (env RUTILE_LISTEN; default "
                  "127.0.0.1:8080)");
  cmd->add_option("--static-dir", flags->static_dir,
                  "Built web app to serve (env RUTILE_STATIC_DIR; default web/dist)");
  cmd->add_option("--log-level", flags->log_level,
                  "trace, debug, info, warn, error (env RUTILE_LOG_LEVEL; default info)");
  cmd->add_option("--io-threads", flags->io_threads,
                  "Threads for network I/O (env RUTILE_IO_THREADS; default: cores)");
  cmd->add_option("--worker-threads", flags->worker_threads,
                  "Threads for database work (env RUTILE_WORKER_THREADS; default: 2 x cores)");
  cmd->add_option("--body-limit", flags->body_limit,
                  "Largest request body in bytes (env RUTILE_BODY_LIMIT; default 1048576)");
  cmd->add_option("--mqtt-url", flags->mqtt_url,
                  "MQTT broker for device readings, mqtt://HOST:PORT (env RUTILE_MQTT_URL; "
                  "default: none, no subscriber)");
  cmd->add_option("--mqtt-username", flags->mqtt_username,
                  "MQTT user name (env RUTILE_MQTT_USERNAME)");
  cmd->add_option("--mqtt-password", flags->mqtt_password,
                  "MQTT password (env RUTILE_MQTT_PASSWORD)");
  cmd->add_option("--public-base-url", flags->public_base_url,
                  "Web address printed in QR labels (env RUTILE_PUBLIC_BASE_URL; default "
                  "http://localhost:8080)");
  cmd->add_option(
      "--min-cell-size", flags->min_cell_size,
      "Aggregate views suppress counts under this (env RUTILE_MIN_CELL_SIZE; default 5)");
  cmd->add_option(
      "--smtp-host", flags->smtp_host,
      "SMTP relay for reminder e-mail (env RUTILE_SMTP_HOST; default: none, inbox only)");
  cmd->add_option("--smtp-port", flags->smtp_port, "SMTP port (env RUTILE_SMTP_PORT; default 25)");
  cmd->add_option("--smtp-from", flags->smtp_from,
                  "Sender of reminder e-mail (env RUTILE_SMTP_FROM; default rutile@localhost)");
  cmd->add_option("--reminder-interval-s", flags->reminder_interval_s,
                  "Seconds between maintenance reminder runs (env RUTILE_REMINDER_INTERVAL_S; "
                  "default 900)");
  cmd->add_option("--trusted-proxies", flags->trusted_proxies,
                  "Comma-separated addresses or CIDR networks of reverse proxies whose Forwarded / "
                  "X-Forwarded-For / X-Forwarded-Proto headers are believed (env "
                  "RUTILE_TRUSTED_PROXIES; default: none)");
  cmd->add_option("--metrics-access", flags->metrics_access,
                  "Who may read /metrics: loopback, open or token:SECRET (env "
                  "RUTILE_METRICS_ACCESS; default loopback)");
  cmd->add_option("--max-connections", flags->max_connections,
                  "Client connections served at once; more are answered 503 and closed (env "
                  "RUTILE_MAX_CONNECTIONS; default 1024)");
  cmd->callback(
      [&global, &run, flags] { run = [&global, flags] { return Serve(global, *flags); }; });
}

}  // namespace rutile::app
