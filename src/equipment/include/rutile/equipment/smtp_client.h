// Plain SMTP (RFC 5321) submission without TLS or authentication, for a relay on the local
// network: one synchronous session per message with a whole-session timeout. Stateless
// functions; thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "rutile/core/result.h"

namespace rutile::equipment {

// Settings smtp_host, smtp_port, smtp_from.
struct SmtpSettings {
  std::string host;
  int port = 25;
  std::string from;                         // envelope and header sender
  std::string helo = "rutile";              // name given in EHLO
  std::chrono::milliseconds timeout{5000};  // for the whole session
};

struct MailMessage {
  std::vector<std::string> to;
  std::string subject;  // UTF-8; encoded per RFC 2047 when not ASCII
  std::string body;     // UTF-8 text; lines end in "\n" or "\r\n"
};

// Headers and body as sent after DATA: CRLF line ends, dot-stuffed, without the final ".".
std::string FormatMailData(const SmtpSettings& settings, const MailMessage& message,
                           std::int64_t date_unix_seconds);

// kInvalidArgument for a bad address; kUnavailable when the server cannot be reached, times out
// or refuses the message (the reply is in the message).
Status SendMail(const SmtpSettings& settings, const MailMessage& message,
                std::int64_t date_unix_seconds);

}  // namespace rutile::equipment
