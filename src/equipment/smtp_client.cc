#include "rutile/equipment/smtp_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <charconv>
#include <ctime>

namespace rutile::equipment {
namespace {

bool SafeAddress(const std::string& a) {
  if (a.empty() || a.size() > 254 || a.find('@') == std::string::npos) return false;
  for (char ch : a)
    if (ch == '\r' || ch == '\n' || ch == '<' || ch == '>' || ch == ' ' || ch == ',') return false;
  return true;
}

std::string Base64(std::string_view in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(in[i]) << 16) |
                       (static_cast<unsigned char>(in[i + 1]) << 8) |
                       static_cast<unsigned char>(in[i + 2]);
    out += {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], kAlphabet[(v >> 6) & 63],
            kAlphabet[v & 63]};
  }
  if (i + 1 == in.size()) {
    const unsigned v = static_cast<unsigned char>(in[i]) << 16;
    out += {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], '=', '='};
  } else if (i + 2 == in.size()) {
    const unsigned v =
        (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], kAlphabet[(v >> 6) & 63], '='};
  }
  return out;
}

// A header value: as is when printable ASCII, else one RFC 2047 encoded word (UTF-8, base64).
std::string HeaderText(const std::string& s) {
  bool ascii = true;
  for (unsigned char ch : s) ascii &= ch >= 0x20 && ch < 0x7F;
  return ascii ? s : "=?UTF-8?B?" + Base64(s) + "?=";
}

std::string RfcDate(std::int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

}  // namespace

std::string FormatMailData(const SmtpSettings& settings, const MailMessage& m,
                           std::int64_t date_unix_seconds) {
  std::string to;
  for (const auto& r : m.to) to += (to.empty() ? "" : ", ") + r;
  std::string out = "From: " + settings.from + "\r\nTo: " + to +
                    "\r\nSubject: " + HeaderText(m.subject) +
                    "\r\nDate: " + RfcDate(date_unix_seconds) +
                    "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                    "Content-Transfer-Encoding: 8bit\r\n\r\n";
  std::size_t start = 0;
  while (start <= m.body.size()) {
    std::size_t end = m.body.find('\n', start);
    std::string line =
        m.body.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line[0] == '.') line.insert(line.begin(), '.');
    if (end == std::string::npos) {
      if (!line.empty()) out += line + "\r\n";
      break;
    }
    out += line + "\r\n";
    start = end + 1;
  }
  return out;
}

Status SendMail(const SmtpSettings& settings, const MailMessage& m,
                std::int64_t date_unix_seconds) {
  if (!SafeAddress(settings.from)) return InvalidArgument("smtp_from is not a mail address");
  if (m.to.empty()) return InvalidArgument("a message needs at least one recipient");
  for (const auto& r : m.to)
    if (!SafeAddress(r)) return InvalidArgument("recipient '" + r + "' is not a mail address");
  if (settings.host.empty() || settings.port < 1 || settings.port > 65535)
    return InvalidArgument("smtp_host and smtp_port must be set");

  boost::asio::ip::tcp::iostream s;
  s.expires_after(settings.timeout);
  s.connect(settings.host, std::to_string(settings.port));
  const std::string where = settings.host + ":" + std::to_string(settings.port);
  if (!s) return Unavailable("smtp " + where + ": cannot connect: " + s.error().message());

  // Reads one (possibly multi-line) reply and checks its code.
  auto expect = [&](int want, std::string_view step) -> Status {
    std::string line, text;
    int code = 0;
    do {
      if (!std::getline(s, line))
        return Unavailable("smtp " + where + ": connection lost or timed out at " +
                           std::string(step));
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.size() < 3 || std::from_chars(line.data(), line.data() + 3, code).ec != std::errc())
        return Unavailable("smtp " + where + ": malformed reply at " + std::string(step));
      text = line;
    } while (line.size() > 3 && line[3] == '-');
    if (code / 100 != want / 100)
      return Unavailable("smtp " + where + ": " + std::string(step) + " refused: " + text);
    return Ok();
  };
  auto send = [&](const std::string& command, int want, std::string_view step) -> Status {
    s << command << "\r\n";
    s.flush();
    return expect(want, step);
  };
  RUTILE_TRY(expect(220, "greeting"));
  if (auto st = send("EHLO " + settings.helo, 250, "EHLO"); !st.has_value())
    RUTILE_TRY(send("HELO " + settings.helo, 250, "HELO"));
  RUTILE_TRY(send("MAIL FROM:<" + settings.from + ">", 250, "MAIL FROM"));
  for (const auto& r : m.to) RUTILE_TRY(send("RCPT TO:<" + r + ">", 250, "RCPT TO"));
  RUTILE_TRY(send("DATA", 354, "DATA"));
  s << FormatMailData(settings, m, date_unix_seconds) << ".\r\n";
  s.flush();
  RUTILE_TRY(expect(250, "end of data"));
  (void)send("QUIT", 221, "QUIT");
  return Ok();
}

}  // namespace rutile::equipment
