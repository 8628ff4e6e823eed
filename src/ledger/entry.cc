#include "rutile/ledger/entry.h"

#include <cstring>

namespace rutile::ledger {
namespace {

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

bool IsIdChar(char c) { return c > 0x20 && c < 0x7f; }

void PutU8(std::string& out, std::uint8_t v) { out.push_back(static_cast<char>(v)); }

void PutU64(std::string& out, std::uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>(v >> shift));
}

void PutShortString(std::string& out, std::string_view s) {
  PutU8(out, static_cast<std::uint8_t>(s.size()));
  out.append(s);
}

class Decoder {
 public:
  explicit Decoder(std::string_view in) : in_(in) {}
  bool U8(std::uint8_t* v) {
    if (in_.size() < 1) return false;
    *v = static_cast<std::uint8_t>(in_[0]);
    in_.remove_prefix(1);
    return true;
  }
  bool U64(std::uint64_t* v) {
    if (in_.size() < 8) return false;
    std::uint64_t x = 0;
    for (int i = 0; i < 8; ++i) x = x << 8 | static_cast<std::uint8_t>(in_[i]);
    *v = x;
    in_.remove_prefix(8);
    return true;
  }
  bool Bytes(std::size_t n, std::string_view* out) {
    if (in_.size() < n) return false;
    *out = in_.substr(0, n);
    in_.remove_prefix(n);
    return true;
  }
  bool ShortString(std::string* out) {
    std::uint8_t len;
    std::string_view s;
    if (!U8(&len) || !Bytes(len, &s)) return false;
    *out = std::string(s);
    return true;
  }
  bool done() const { return in_.empty(); }

 private:
  std::string_view in_;
};

}  // namespace

Status ValidateEntryInput(const EntryInput& input) {
  std::vector<FieldError> errors;
  auto check_name = [&](const std::string& value, const char* field, bool allow_empty) {
    if ((!allow_empty && value.empty()) || value.size() > 64) {
      errors.push_back({field, allow_empty ? "at most 64 characters" : "1 to 64 characters"});
      return;
    }
    for (char c : value) {
      if (!IsNameChar(c)) {
        errors.push_back({field, "only a-z, 0-9, '.', '_' and '-'"});
        return;
      }
    }
  };
  check_name(input.record_type, "record_type", false);
  check_name(input.region, "region", true);
  if (input.record_id.empty() || input.record_id.size() > 128) {
    errors.push_back({"record_id", "1 to 128 characters"});
  } else {
    for (char c : input.record_id) {
      if (!IsIdChar(c)) {
        errors.push_back({"record_id", "printable ASCII without spaces"});
        break;
      }
    }
  }
  if (input.org_id < 0) errors.push_back({"org_id", "must not be negative"});
  if (!errors.empty()) return Fail(InvalidArgument("invalid ledger entry", std::move(errors)));
  return Ok();
}

Result<std::string> EncodeEntry(const Entry& entry) {
  RUTILE_TRY(ValidateEntryInput(entry.input));
  if (entry.time_unix_ms < 0) return Fail(InvalidArgument("entry time before 1970"));
  const EntryInput& in = entry.input;
  std::string out;
  out.reserve(1 + 1 + in.record_type.size() + 1 + in.record_id.size() + 32 + 8 + 8 + 1 +
              in.region.size());
  PutU8(out, kEntryVersion);
  PutShortString(out, in.record_type);
  PutShortString(out, in.record_id);
  out.append(AsBytes(in.content_sha256));
  PutU64(out, static_cast<std::uint64_t>(entry.time_unix_ms));
  PutU64(out, static_cast<std::uint64_t>(in.org_id));
  PutShortString(out, in.region);
  return out;
}

Result<Entry> DecodeEntry(std::string_view bytes) {
  if (bytes.size() > kMaxEntryBytes) return Fail(InvalidArgument("entry too long"));
  Decoder d(bytes);
  std::uint8_t version;
  Entry e;
  std::string_view content;
  std::uint64_t time_ms, org;
  if (!d.U8(&version)) return Fail(InvalidArgument("empty entry"));
  if (version != kEntryVersion)
    return Fail(InvalidArgument("unknown entry version " + std::to_string(version)));
  if (!d.ShortString(&e.input.record_type) || !d.ShortString(&e.input.record_id) ||
      !d.Bytes(32, &content) || !d.U64(&time_ms) || !d.U64(&org) ||
      !d.ShortString(&e.input.region)) {
    return Fail(InvalidArgument("truncated entry"));
  }
  if (!d.done()) return Fail(InvalidArgument("trailing bytes after entry"));
  if (time_ms > static_cast<std::uint64_t>(INT64_MAX) ||
      org > static_cast<std::uint64_t>(INT64_MAX))
    return Fail(InvalidArgument("entry time or organization out of range"));
  std::memcpy(e.input.content_sha256.data(), content.data(), 32);
  e.time_unix_ms = static_cast<std::int64_t>(time_ms);
  e.input.org_id = static_cast<std::int64_t>(org);
  RUTILE_TRY(ValidateEntryInput(e.input));
  return e;
}

}  // namespace rutile::ledger
