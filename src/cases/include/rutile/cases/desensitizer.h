// Desensitizer: finds identifying details in free text of any language (names known to the
// platform or revealed by context, phones, e-mail also when obfuscated, messenger ids, URLs,
// serial and order numbers, PRC identity numbers, credit codes, addresses, coordinates, plates,
// money amounts) and replaces them with consistent placeholders ("[ORG-1]"). Pure; immutable
// after construction and safe to share between threads (a PlaceholderMap is not).
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rutile::cases {

enum class EntityKind {
  kPerson,
  kOrganization,
  kPark,
  kPhone,
  kEmail,
  kIdNumber,
  kCreditCode,
  kAddress,
  kCoordinates,
  kPlate,
  kAmount,
  kNumber,     // any other long digit run (accounts, contract numbers)
  kUrl,        // web addresses and bare domain names
  kMessenger,  // WeChat / QQ / WhatsApp / Telegram accounts and @handles
  kSerial,     // serial, lot, batch, order, invoice and contract numbers after their label
};
inline constexpr std::size_t kEntityKindCount = 15;

// "PERSON", "ORG", "PARK", "PHONE", "EMAIL", "ID", "USCC", "ADDRESS", "GPS", "PLATE", "AMOUNT",
// "NUMBER", "URL", "MESSENGER", "SERIAL": the word inside a placeholder.
std::string_view EntityLabel(EntityKind kind);

// Names the platform knows (its users, organizations and parks): the most reliable recognizer.
struct NameDictionary {
  std::vector<std::string> people;
  std::vector<std::string> organizations;
  std::vector<std::string> parks;
};

// Gives the same placeholder to the same entity every time it is asked, numbering per kind.
// Use one map per case so the narrative, root cause and actions stay readable together.
class PlaceholderMap {
 public:
  std::string For(EntityKind kind, const std::string& key);
  std::size_t size() const { return assigned_.size(); }

 private:
  std::map<std::pair<int, std::string>, std::string> assigned_;
  std::array<int, kEntityKindCount> next_{};
};

// One replaced span of the input (byte offsets into the original text).
struct Finding {
  EntityKind kind;
  std::size_t offset = 0;
  std::size_t length = 0;
  std::string placeholder;
};

struct ScrubbedText {
  std::string text;
  std::vector<Finding> findings;
};

class Desensitizer {
 public:
  explicit Desensitizer(const NameDictionary& dictionary);

  // Time and memory are linear in the text's size (for a given dictionary): every recognizer is
  // an RE2 pattern, an Aho-Corasick pass over the dictionary or a bounded hand scanner. Invalid
  // UTF-8 is first repaired (each bad byte becomes U+FFFD), so the output is always valid UTF-8;
  // finding offsets then refer to the repaired text.
  ScrubbedText Scrub(std::string_view text, PlaceholderMap& placeholders) const;

  // Convenience for one-off texts: a fresh map per call.
  std::string ScrubText(std::string_view text) const;

 private:
  struct Term {
    std::string needle;  // lower-cased (ASCII) when !case_sensitive
    EntityKind kind;
    std::string key;  // the dictionary entry it stands for (one placeholder per entry)
    bool case_sensitive;
    bool whole_word;  // Latin-script terms must not touch other letters
  };
  struct TermIndex;  // Aho-Corasick automata over terms_, built once by the constructor
  void AddTerm(std::string needle, EntityKind kind, const std::string& key, bool case_sensitive);
  // An Arabic-script person name of the dictionary, matched in Latin script by the consonant
  // skeletons of its words ("أحمد الفارسي" finds "Ahmed Al-Farsi" and "Ahmad Alfarsi").
  struct RomanizedName {
    std::vector<std::string> skeletons;
    std::string key;
  };
  std::vector<Term> terms_;
  std::vector<RomanizedName> romanized_;
  std::set<std::pair<std::string, EntityKind>> seen_terms_;
  std::shared_ptr<const TermIndex> index_;
};

// Names that context reveals in a text (a title or role before a name, a legal suffix after a
// company, a contact label): add them to the dictionary so the same names are also caught where
// they stand alone in the other fields of the same case.
NameDictionary DiscoverNames(std::string_view text);

// What a reviewer should look at twice in a scrubbed text: offsets and lengths count Unicode code
// points of the scrubbed text (as a browser's Array.from(text) does); `reason` is a message code:
//   cases.residual_risk.capitalized_near_placeholder  a capitalized Latin word beside a placeholder
//   cases.residual_risk.digit_run                    six or more digits in a row left in the text
//   cases.residual_risk.code                         a token mixing letters and digits (a serial?)
//   cases.residual_risk.at_sign                      an "@" left in the text
//   cases.residual_risk.surname_near_placeholder     Chinese characters opening with a surname
//                                                    right beside a placeholder
struct ResidualRisk {
  std::size_t offset = 0;
  std::size_t length = 0;
  std::string reason;
  bool operator==(const ResidualRisk&) const = default;
};
std::vector<ResidualRisk> FindResidualRisks(std::string_view scrubbed);

// GB 11643: 17 digits and a check character, ISO 7064 MOD 11-2 ("10X98765432").
bool IsValidResidentId(std::string_view id);
// GB 32100-2015: 18 characters over "0123456789ABCDEFGHJKLMNPQRTUWXY", weights 3^i mod 31.
bool IsValidCreditCode(std::string_view code);

}  // namespace rutile::cases
