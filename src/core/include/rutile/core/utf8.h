#pragma once
// UTF-8 under one set of strict rules (RFC 3629): shortest form only, no surrogate code points
// (U+D800..U+DFFF), nothing above U+10FFFF. Every module that reads or writes UTF-8 by hand uses
// these functions, so text accepted in one place is accepted everywhere.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace rutile::utf8 {

/// One decoded code point and the number of bytes it took (1 to 4).
struct CodePoint {
  char32_t value = 0;
  std::size_t length = 0;
};

/// Decodes the code point starting at `text[pos]`. Returns nullopt for an invalid, overlong or
/// truncated sequence, a surrogate or a value above U+10FFFF. Requires pos < text.size().
std::optional<CodePoint> DecodeAt(std::string_view text, std::size_t pos);

/// As DecodeAt, but a byte that does not start a valid sequence decodes as U+FFFD of length 1, so
/// a scan always moves on. Requires pos < text.size().
CodePoint DecodeLenient(std::string_view text, std::size_t pos);

/// The code point that ends just before byte `end` (0 < end <= text.size()), decoded as
/// DecodeLenient does from the start of its sequence.
CodePoint DecodeBefore(std::string_view text, std::size_t end);

/// True when the whole text is valid UTF-8.
bool IsValid(std::string_view text);

/// Appends the UTF-8 encoding of `cp` (a scalar value: not a surrogate, at most U+10FFFF; anything
/// else appends U+FFFD).
void Append(std::string& out, char32_t cp);

/// The text as code points; each byte of an invalid sequence becomes U+FFFD.
std::u32string Decode(std::string_view text);

/// The code points encoded as UTF-8.
std::string Encode(std::u32string_view text);

/// The text with each byte of an invalid sequence replaced by U+FFFD (valid text is unchanged).
std::string Sanitize(std::string_view text);

/// Number of code points in the text; each byte of an invalid sequence counts as one.
std::size_t CountCodePoints(std::string_view text);

}  // namespace rutile::utf8
