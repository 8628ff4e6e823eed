# Script mode: writes OUT, a C++ file defining `std::string_view NS::NAME()` returning IN's bytes.
file(READ ${IN} content HEX)
string(LENGTH "${content}" hex_length)
math(EXPR byte_count "${hex_length} / 2")
# Two hex digits per byte -> "\xNN" escapes in chunks, which keeps any byte (and NUL) intact.
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1" escaped "${content}")
string(REGEX REPLACE "((\\\\x[0-9a-f][0-9a-f]){64})" "\\1\"\n\"" escaped "${escaped}")
file(WRITE ${OUT} "// Generated from ${IN}. Do not edit.\n#include <string_view>\nnamespace ${NS} {\nstd::string_view ${NAME}() {\n  static constexpr char kData[] =\n\"${escaped}\";\n  return std::string_view(kData, ${byte_count});\n}\n}  // namespace ${NS}\n")
