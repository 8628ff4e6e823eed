#pragma once
// Base64 with the standard alphabet and padding (RFC 4648 section 4), one codec for the project.
#include <string>
#include <string_view>

#include "rutile/core/result.h"

namespace rutile::base64 {

/// The padded standard encoding of `bytes`.
std::string Encode(std::string_view bytes);

/// What Decode does with ASCII whitespace (space, tab, CR, LF) between characters.
enum class Whitespace { kReject, kSkip };

/// Decodes canonical base64: standard alphabet, length a multiple of four, padding only at the
/// end, pad bits zero (so each byte string has exactly one accepted text). kInvalidArgument
/// otherwise. With Whitespace::kSkip, line breaks and spaces (as in MIME or pasted data) are
/// ignored.
Result<std::string> Decode(std::string_view text, Whitespace whitespace = Whitespace::kReject);

}  // namespace rutile::base64
