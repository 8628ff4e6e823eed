// Deterministic, locale-independent number formatting shared by the engine texts and the JSON
// writer, so native and WebAssembly builds print the same bytes.
#pragma once

#include <string>

namespace rutile::engine {

// Rounds to at most 6 decimals (0 decimals at or above 1e9), strips trailing zeros, never uses
// an exponent below 1e15; "-0" prints as "0". Non-finite values print as "null".
std::string FormatNumber(double value);
void AppendNumber(std::string& out, double value);

}  // namespace rutile::engine
