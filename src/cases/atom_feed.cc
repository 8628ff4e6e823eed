#include "rutile/cases/atom_feed.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "rutile/core/markup.h"

namespace rutile::cases {
namespace {

const BulletinText* TextFor(const Bulletin& b, std::string_view language) {
  for (const auto& t : b.texts)
    if (t.language == language) return &t;
  return b.texts.empty() ? nullptr : &b.texts.front();
}

std::int64_t EntryUpdated(const Bulletin& b) { return std::max(b.published_at, b.updated_at); }

}  // namespace

std::string Rfc3339(std::int64_t unix_seconds) {
  using namespace std::chrono;
  const sys_seconds t{seconds{unix_seconds}};
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{t - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

std::string BulletinTagUri(const AtomFeedOptions& options, std::int64_t bulletin_id) {
  return "tag:" + options.tag_authority + "," + options.tag_date + ":bulletin/" +
         std::to_string(bulletin_id);
}

std::string BulletinAtomFeed(const std::vector<Bulletin>& bulletins, const AtomFeedOptions& options,
                             std::int64_t now) {
  std::int64_t updated = 0;
  for (const auto& b : bulletins) updated = std::max(updated, EntryUpdated(b));
  if (updated == 0) updated = now;
  std::string x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  x += "<feed xmlns=\"http://www.w3.org/2005/Atom\"";
  if (!options.language.empty()) x += " xml:lang=\"" + markup::Escape(options.language) + "\"";
  x += ">\n";
  x += "  <id>tag:" + markup::Escape(options.tag_authority) + "," +
       markup::Escape(options.tag_date) + ":bulletins</id>\n";
  x += "  <title>" + markup::Escape(options.title) + "</title>\n";
  x += "  <updated>" + Rfc3339(updated) + "</updated>\n";
  x += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"" +
       markup::Escape(options.self_url) + "\"/>\n";
  x += "  <link rel=\"alternate\" type=\"text/html\" href=\"" + markup::Escape(options.site_url) +
       "/bulletins\"/>\n";
  x += "  <author><name>" + markup::Escape(options.title) + "</name></author>\n";
  for (const auto& b : bulletins) {
    const BulletinText* t = TextFor(b, options.language);
    if (t == nullptr) continue;
    x += "  <entry xml:lang=\"" + markup::Escape(t->language) + "\">\n";
    x += "    <id>" + markup::Escape(BulletinTagUri(options, b.id)) + "</id>\n";
    x += "    <title>" + markup::Escape(t->title) + "</title>\n";
    x += "    <updated>" + Rfc3339(EntryUpdated(b)) + "</updated>\n";
    x += "    <published>" + Rfc3339(b.published_at) + "</published>\n";
    x += "    <link rel=\"alternate\" type=\"text/html\" href=\"" +
         markup::Escape(options.site_url) + "/bulletins/" + std::to_string(b.id) + "\"/>\n";
    x += "    <category term=\"" + std::string(BulletinSeverityName(b.severity)) + "\"/>\n";
    x += "    <summary type=\"text\">" + markup::Escape(t->summary) + "</summary>\n";
    x += "  </entry>\n";
  }
  x += "</feed>\n";
  return x;
}

}  // namespace rutile::cases
