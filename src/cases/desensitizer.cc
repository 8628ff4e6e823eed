#include "rutile/cases/desensitizer.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <set>
#include <unordered_map>

#include "arabic_names.h"
#include "chinese_names.h"
#include "rutile/core/check.h"
#include "rutile/core/utf8.h"

namespace rutile::cases {
namespace {

// ---- UTF-8 helpers -------------------------------------------------------------------------

bool IsAsciiAlnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsCjk(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }
// Letters of Latin-script words (ASCII, Latin-1 Supplement and Latin Extended-A/B).
bool IsLatinWordChar(char32_t c) {
  return IsAsciiAlnum(c) || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || c == '\'';
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool StartsLatin(std::string_view s) {
  return !s.empty() && IsLatinWordChar(utf8::DecodeLenient(s, 0).value);
}

std::string Trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == ',' || s[b] == '.')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == ',' || s[e - 1] == '.')) --e;
  return std::string(s.substr(b, e - b));
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::size_t CodePointCount(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); i += utf8::DecodeLenient(s, i).length) ++n;
  return n;
}

std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> words;
  std::string cur;
  for (char c : s) {
    if (c == ' ' || c == ',' || c == '\t') {
      if (!cur.empty()) words.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

// Full-width ASCII forms (U+FF01..U+FF5E, except brackets the Chinese scanners read) and
// Arabic-Indic digits become ASCII. offsets[i] is the original byte offset of normalized byte i,
// with one extra entry for the end.
std::string NormalizeForms(std::string_view s, std::vector<std::size_t>& offsets) {
  std::string out;
  out.reserve(s.size());
  offsets.clear();
  offsets.reserve(s.size() + 1);
  for (std::size_t i = 0; i < s.size();) {
    const utf8::CodePoint c = utf8::DecodeLenient(s, i);
    char ascii = 0;
    if (c.value >= 0xFF01 && c.value <= 0xFF5E && c.value != U'（' && c.value != U'）' &&
        c.value != U'，' && c.value != U'：' && c.value != U'；' && c.value != U'！' &&
        c.value != U'？')
      ascii = static_cast<char>(c.value - 0xFF01 + 0x21);
    else if (c.value >= 0x0660 && c.value <= 0x0669)
      ascii = static_cast<char>('0' + (c.value - 0x0660));
    else if (c.value >= 0x06F0 && c.value <= 0x06F9)
      ascii = static_cast<char>('0' + (c.value - 0x06F0));
    if (ascii != 0) {
      out.push_back(ascii);
      offsets.push_back(i);
    } else {
      for (std::size_t k = 0; k < c.length; ++k) {
        out.push_back(s[i + k]);
        offsets.push_back(i + k);
      }
    }
    i += c.length;
  }
  offsets.push_back(s.size());
  return out;
}

// ---- Candidate spans -----------------------------------------------------------------------

struct Span {
  std::size_t begin;
  std::size_t end;
  EntityKind kind;
  std::string key;  // what makes two spans the same entity
  bool dictionary = false;
};

std::string DigitsOf(std::string_view s) {
  std::string d;
  for (char c : s)
    if (IsAsciiDigit(c)) d.push_back(c);
  return d;
}

// RE2 matches in time linear in the text (no backtracking), which keeps one hostile field from
// holding a worker. Every match start is tried left to right, leftmost-first like Perl.
template <typename F>
void ForEachMatch(std::string_view text, const RE2& re, int groups, F&& f) {
  constexpr int kMaxGroups = 3;
  RUTILE_CHECK(groups >= 0 && groups <= kMaxGroups, "too many capture groups");
  re2::StringPiece sub[kMaxGroups + 1];
  const int n = groups + 1;
  std::size_t pos = 0;
  while (pos <= text.size() && re.Match(re2::StringPiece(text.data(), text.size()), pos,
                                        text.size(), RE2::UNANCHORED, sub, n)) {
    const std::size_t b = static_cast<std::size_t>(sub[0].data() - text.data());
    const std::size_t len = sub[0].size();
    if (len == 0) {
      // Empty matches carry nothing to replace; step over one code point.
      pos = b + (b < text.size() ? utf8::DecodeLenient(text, b).length : 1);
      continue;
    }
    f(b, len, sub);
    pos = b + len;
  }
}

void AddRegexSpans(std::string_view text, const RE2& re, EntityKind kind, std::vector<Span>& out,
                   bool (*accept)(std::string_view) = nullptr, bool word_end = false) {
  ForEachMatch(text, re, 0, [&](std::size_t b, std::size_t len, const re2::StringPiece*) {
    std::string_view found = text.substr(b, len);
    if (word_end && b + len < text.size() &&
        IsAsciiAlnum(static_cast<unsigned char>(text[b + len])))
      return;
    // Classes cannot see every script's letters: reject matches glued to a Latin word.
    if (b > 0 && IsAsciiAlnum(static_cast<unsigned char>(text[b - 1])) &&
        IsAsciiAlnum(static_cast<unsigned char>(text[b])))
      return;
    if (accept != nullptr && !accept(found)) return;
    out.push_back({b, b + len, kind, AsciiLower(found)});
  });
}

RE2::Options PatternOptions() {
  RE2::Options o;
  o.set_encoding(RE2::Options::EncodingUTF8);
  o.set_log_errors(false);
  o.set_max_mem(32 << 20);
  return o;
}

struct Patterns {
  RE2 email{
      R"([A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){0,8}\.[A-Za-z]{2,24})",
      PatternOptions()};
  RE2 street_en{
      R"(\b\d{1,5}[A-Za-z]?,?\s{1,3}(?:[A-Z][^\s,;:.()]{0,40}\s{1,3}){1,4}(?:Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Highway|Hwy|Place|Pl|Court|Ct)\b\.?)",
      PatternOptions()};
  RE2 street_romance{
      R"((?:\b\d{1,5}[A-Za-z]?,?\s{1,3})?\b(?:Via|Viale|Rua|Calle|Avenida|Avda\.|Av\.|Rue|rue|Avenue|avenue|Boulevard|boulevard|Piazza|Praça|Plaza|Paseo|Travessa|Corso|Largo|Carrer|Carretera|Rodovia|Estrada|Chemin|chemin|Allée|allée|Impasse|impasse)\s{1,3}(?:(?:de|del|da|do|dos|das|la|le|les|des|di|della|du|d'|l')\s?){0,3}[^\s,;:.()]{1,40}(?:\s{1,3}(?:(?:de|del|da|do|dos|das|la|le|les|des|di|della|du)\s{1,3})?[A-Z][^\s,;:.()]{0,40}){0,3}(?:\s?,?\s?(?:(?:n\.?º|nº|n°|no\.|Nr\.|s/n|km)\s?)?\d{1,5}[A-Za-z]?\b)?)",
      PatternOptions()};
  RE2 street_ar{
      R"((?:شارع|طريق|زنقة|حي)\s{1,3}\S{1,40}(?:\s{1,3}\S{1,40}){0,2}(?:\s?،?\s?(?:رقم\s?)?\d{1,5})?)",
      PatternOptions()};
  RE2 coord_decimal{
      R"([-+]?\d{1,2}\.\d{3,}\s?(?:°)?\s?[NSns]?\s?(?:[,;/]\s?|\s)\s?[-+]?\d{1,3}\.\d{3,}\s?(?:°)?\s?[EWew]?)",
      PatternOptions()};
  RE2 coord_prefixed{
      R"(\b[NS]\s?\d{1,2}(?:\.\d{1,15})?(?:°)?(?:\s?\d{1,2}['′])?\s?,?\s?[EW]\s?\d{1,3}(?:\.\d{1,15})?(?:°)?(?:\s?\d{1,2}['′])?)",
      PatternOptions()};
  RE2 coord_dms{
      R"(\d{1,3}°\s?\d{1,2}(?:'|′)\s?(?:\d{1,2}(?:\.\d{1,15})?(?:"|″|'')\s?)?[NSEW](?:\s?,?\s?\d{1,3}°\s?\d{1,2}(?:'|′)\s?(?:\d{1,2}(?:\.\d{1,15})?(?:"|″|'')\s?)?[NSEW])?)",
      PatternOptions()};
  RE2 coord_zh{
      R"((?:北纬|南纬|东经|西经)\s?\d{1,3}(?:\.\d{1,15})?(?:°|度)?(?:\d{1,2}(?:'|′|分))?(?:\d{1,2}(?:\.\d{1,15})?(?:"|″|秒))?)",
      PatternOptions()};
  RE2 plate{
      R"((?:京|津|沪|渝|冀|豫|云|辽|黑|湘|皖|鲁|新|苏|浙|赣|鄂|桂|甘|晋|蒙|陕|吉|闽|贵|粤|青|藏|川|宁|琼)\s?[A-HJ-NP-Z](?:·|•|-|\s)?[A-HJ-NP-Z0-9]{5,6})",
      PatternOptions()};
  RE2 money_prefix{
      R"((?:US\$|R\$|HK\$|A\$|\$|€|£|¥|￥|\bRMB|\bCNY|\bUSD|\bEUR|\bBRL|\bMAD|\bSAR|\bAED|\bGBP)\s?\d{1,15}(?:[.,\s]\d{3})*(?:[.,]\d{1,15})?(?:\s?(?:万|亿|k|K|M|million|millions|mil|millones|milhões|mille|bn|billion))?)",
      PatternOptions()};
  RE2 money_suffix{
      R"(\d{1,15}(?:[.,\s]\d{3})*(?:[.,]\d{1,15})?\s?(?:(?:万|亿|k|K|million|millions|mil|millones|milhões|mille|bn|billion|مليون|ألف)\s?(?:de\s|d')?)?(?:万元|亿元|元|美元|欧元|人民币|EUR|USD|CNY|RMB|BRL|MAD|SAR|AED|€|euros?\b|dollars?\b|reais\b|real\b|dirhams?\b|riyals?\b|درهم|ريال|دولار|يورو))",
      PatternOptions()};
  RE2 person_title{
      R"(\b(?:Mr|Mrs|Ms|Mx|Miss|Dr|Dra|Sr|Sra|Srta|Mme|Mlle|Sig|Prof|Eng|Ing|Dona|Doña|Herr|Frau)\.?\s{1,3}([A-Z][^\s,;:.()!?]{0,40}(?:\s{1,3}[A-Z][^\s,;:.()!?]{0,40})?))",
      PatternOptions()};
  RE2 person_m{R"(\bM\.\s{1,3}([A-Z][^\s,;:.()!?]{1,40}))", PatternOptions()};
  RE2 person_role{
      R"(\b(?:[Ii]ngeniero|[Ii]ngeniera|[Ee]ngenheiro|[Ee]ngenheira|[Ii]ngénieur|[Tt]écnico|[Tt]écnica|[Tt]echnicien|[Tt]echnicienne|[Oo]perador|[Oo]peradora|[Ee]ngineer|[Tt]echnician|[Ss]upervisor|[Gg]erente|[Mm]anager|[Dd]irecteur|[Dd]irectrice|[Dd]iretor|[Dd]iretora|[Dd]irector|[Ii]nspector|[Ii]nspecteur)\s{1,3}([A-Z][^\s,;:.()!?]{1,40}(?:\s{1,3}[A-Z][^\s,;:.()!?]{1,40})?))",
      PatternOptions()};
  RE2 person_ar{
      R"((?:السيد|السيدة|المهندس|المهندسة|الدكتور|الدكتورة|الأستاذ|الأستاذة|الاستاذ|الحاج|الشيخ|الفني|المدير|المشرف)\s{1,3}(\S{1,40}(?:\s{1,3}\S{1,40})?))",
      PatternOptions()};
  RE2 org_latin{
      R"(\b(?:[A-Z][^\s,;:()]{0,40}\s{1,3}){1,5}(?:Co\.,?\s?Ltd\.?|Ltd\.?|Inc\.?|GmbH|S\.A\.|SA\b|S\.L\.|S\.p\.A\.|SpA\b|Ltda\.?|Lda\.?|SARL\b|S\.A\.R\.L\.|LLC\b|Corp\.?|Ltée))",
      PatternOptions()};
  // ---- Names in context (Latin script) and Arabic name patterns ----
  // A name word: a capital then at least one lower-case letter (so "ASTM" or "Gr" alone is not).
  RE2 person_said{
      R"((?:\b(?:said|says|told|according\s{1,3}to|dijo|según|segun|selon|a\s{1,3}déclaré|disse|segundo|de\s{1,3}acordo\s{1,3}com)\s{1,3})((?:[A-Z][a-zà-öø-ÿ'\-]{1,30})(?:\s{1,3}[A-Z][a-zà-öø-ÿ'\-]{1,30}){0,2}))",
      PatternOptions()};
  RE2 person_said_after{
      R"(\b((?:[A-Z][a-zà-öø-ÿ'\-]{1,30})(?:\s{1,3}[A-Z][a-zà-öø-ÿ'\-]{1,30}){0,2})\s{1,3}(?:said|says|told|reported|dijo|informó|a\s{1,3}dit|disse|relatou)\b)",
      PatternOptions()};
  RE2 person_of{
      R"(\b((?:[A-Z][a-zà-öø-ÿ'\-]{1,30})(?:\s{1,3}[A-Z][a-zà-öø-ÿ'\-]{1,30}){1,2}),?\s{1,3}(?:of|from|de|da|do|du)\s{1,3}[A-Z])",
      PatternOptions()};
  RE2 person_trade{
      R"(\b(?:[Tt]echnician|[Oo]perator|[Ww]elder|[Ff]oreman|[Cc]hemist|[Ss]oldador|[Ss]oldadora|[Ss]oudeur|[Oo]pérateur|[Oo]pératrice|[Cc]hef\s{1,3}d'équipe|[Ee]ncargado|[Ee]ncarregado|[Tt]écnico|[Tt]écnica)\s{1,3}([A-Z][a-zà-öø-ÿ'\-]{1,30}(?:\s{1,3}[A-Z][a-zà-öø-ÿ'\-]{1,30})?))",
      PatternOptions()};
  RE2 person_ar_nasab{R"((\S{2,30}\s{1,3}(?:بن|ابن|بنت)\s{1,3}[^\s،؛.,]{2,30}))", PatternOptions()};
  RE2 person_ar_kunya{R"(((?:أبو|أبي|أبا|أم)\s{1,3}[^\s،؛.,]{2,30}))", PatternOptions()};
  // ---- Contacts ----
  // Obfuscated addresses: "name at example dot com", "name [at] example [dot] com",
  // "name(at)x.com", in the six languages' spellings of "at" and "dot".
  RE2 email_obfuscated{
      R"((?i)[a-z0-9._%+\-]{1,64}(?:\s{0,2}[\[\(\{<]\s{0,2}(?:at|arroba|arobase|@)\s{0,2}[\]\)\}>]\s{0,2}|\s{1,3}(?:at|arroba|arobase)\s{1,3})[a-z0-9\-]{1,63}(?:(?:\s{0,2}[\[\(\{<]\s{0,2}(?:dot|punto|point|ponto)\s{0,2}[\]\)\}>]\s{0,2}|\s{1,3}(?:dot|punto|point|ponto)\s{1,3}|\.)[a-z0-9\-]{1,63}){0,8}(?:\s{0,2}[\[\(\{<]\s{0,2}(?:dot|punto|point|ponto)\s{0,2}[\]\)\}>]\s{0,2}|\s{1,3}(?:dot|punto|point|ponto)\s{1,3}|\.)[a-z]{2,24}\b)",
      PatternOptions()};
  // An e-mail address with spaces around "@" ("wang @ example.com").
  RE2 email_spaced{
      R"([A-Za-z0-9._%+\-]{1,64}\s{1,2}@\s{0,2}[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){0,8}\.[A-Za-z]{2,24}|[A-Za-z0-9._%+\-]{1,64}\s{0,2}@\s{1,2}[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){0,8}\.[A-Za-z]{2,24})",
      PatternOptions()};
  // Messenger accounts after their service's name: WeChat / 微信 / vx / wx ids, QQ numbers,
  // WhatsApp / Telegram numbers or handles.
  RE2 messenger{
      R"((?i)(?:\b(?:wechat|weixin|vx|wx|qq|whatsapp|whats\s?app|telegram|skype|viber|zapzap)\b|微信|微信号|威信|加v|扣扣|企鹅号|واتساب|واتس\s?اب|تيليجرام|تلغرام|تليجرام)\s{0,3}(?:id|号码|号|number|n[º°o]\.?|número|numéro|رقم)?\s{0,3}[:：=]?\s{0,3}(\+?@?[A-Za-z0-9][A-Za-z0-9_.\-]{3,40}))",
      PatternOptions()};
  RE2 handle{R"((?:^|[\s(（,，:：;；])(@[A-Za-z][A-Za-z0-9_]{4,31})\b)", PatternOptions()};
  // URLs and bare domains under common top-level domains.
  RE2 url{R"((?i)\b(?:(?:https?|ftp)://|www\.)[^\s<>"'()（）「」《》，。、]+)", PatternOptions()};
  RE2 domain{
      R"((?i)\b(?:[a-z0-9](?:[a-z0-9\-]{0,62})\.){1,8}(?:com|net|org|info|biz|io|cn|hk|tw|mo|jp|kr|sg|uk|de|fr|es|pt|br|ar|mx|cl|nl|ch|eu|ca|au|ru|sa|ae|ma|eg|tn|dz|qa|kw|om|bh|jo|lb|edu|gov|example|test|app|dev|xyz|online|site|shop)(?:/[^\s<>"'()（），。、]{0,500})?\b)",
      PatternOptions()};
  // Serial, lot, batch, order, invoice and contract numbers after their label: the token after
  // the label (which must hold a digit) is replaced, the label stays.
  RE2 serial{
      R"((?i)(?:\bS/N|\bSN|\bP/O|\bPO|\bserial(?:\s{1,3}(?:no|number|nr))?|\blot(?:\s{1,3}(?:no|number))?|\bbatch(?:\s{1,3}(?:no|number))?|\border(?:\s{1,3}(?:no|number))?|\binvoice(?:\s{1,3}(?:no|number))?|\bcontract(?:\s{1,3}(?:no|number))?|\bn[º°o]\.?\s{0,2}de\s{1,3}s[ée]rie|\bnúmero\s{1,3}de\s{1,3}s[ée]rie|\bnuméro\s{1,3}de\s{1,3}(?:série|lot|commande|facture|contrat)|\blote|\bpedido|\bfactura|\bfatura|\bnota\s{1,3}fiscal|\bcontrato|\bcommande|\bfacture|\bcontrat|编号|序列号|出厂编号|批号|批次号|生产批号|订单号|合同号|合同编号|发票号|发票号码|工单号|الرقم\s{1,3}التسلسلي|رقم\s{1,3}الدفعة|رقم\s{1,3}التشغيلة|رقم\s{1,3}الطلب|رقم\s{1,3}الفاتورة|رقم\s{1,3}العقد)\s{0,3}(?:#|no\.?|n[º°o]\.?|nr\.?|number)?\s{0,3}[:：#=]?\s{0,3}([A-Za-z0-9][A-Za-z0-9\-/_.]{2,40}))",
      PatternOptions()};
  // Licence plates of other countries after a plate word, and the formats that are distinctive
  // on their own (France and Italy AA-123-AA, Portugal AA-00-AA, United Kingdom AA00 AAA).
  RE2 plate_context{
      R"((?i:licen[cs]e\s{1,3}plate|number\s{1,3}plate|plate|registration|reg\.|matr[ií]cula|placa|plaque|immatriculation|kennzeichen)\s{0,3}(?i:no\.?|number|n[º°o]\.?|#)?\s{0,3}[:：]?\s{0,3}((?:[\p{Arabic}A-Z0-9]{1,8})(?:[ \-·•][\p{Arabic}A-Z0-9]{1,8}){0,3})|(?:车牌号?|牌照|号牌|رقم\s{1,3}اللوحة|لوحة|اللوحة)\s{0,3}[:：]?\s{0,3}((?:[\p{Arabic}A-Z0-9]{1,8})(?:[ \-·•][\p{Arabic}A-Z0-9]{1,8}){0,3}))",
      PatternOptions()};
  RE2 plate_eu{
      R"(\b(?:[A-Z]{2}[\- ]\d{3}[\- ][A-Z]{2}|[A-Z]{2}-\d{2}-[A-Z]{2}|\d{2}-[A-Z]{2}-\d{2}|\d{2}-\d{2}-[A-Z]{2}|[A-Z]{2}-\d{2}-\d{2}|[A-Z]{2}\d{2}\s[A-Z]{3}|\d{4}\s[B-DF-HJ-NPR-TV-Z]{3})\b)",
      PatternOptions()};
};

// The patterns are constants of the program: one that RE2 rejects is a programmer bug.
const Patterns& P() {
  static const Patterns patterns;
  static const bool checked = [] {
    for (const RE2* re :
         {&patterns.email,           &patterns.street_en,        &patterns.street_romance,
          &patterns.street_ar,       &patterns.coord_decimal,    &patterns.coord_prefixed,
          &patterns.coord_dms,       &patterns.coord_zh,         &patterns.plate,
          &patterns.money_prefix,    &patterns.money_suffix,     &patterns.person_title,
          &patterns.person_m,        &patterns.person_role,      &patterns.person_ar,
          &patterns.org_latin,       &patterns.person_said,      &patterns.person_said_after,
          &patterns.person_of,       &patterns.person_trade,     &patterns.person_ar_nasab,
          &patterns.person_ar_kunya, &patterns.email_obfuscated, &patterns.email_spaced,
          &patterns.messenger,       &patterns.handle,           &patterns.url,
          &patterns.domain,          &patterns.serial,           &patterns.plate_context,
          &patterns.plate_eu})
      RUTILE_CHECK(re->ok(), re->error().c_str());
    return true;
  }();
  (void)checked;
  return patterns;
}

bool AcceptCoordinate(std::string_view s) {
  // A bare pair of decimals is a coordinate only with degree or hemisphere marks, or with the
  // precision of a position (4+ decimals on both numbers).
  if (s.find("°") != std::string_view::npos) return true;
  for (char c : s)
    if (c == 'N' || c == 'S' || c == 'E' || c == 'W' || c == 'n' || c == 's' || c == 'e' ||
        c == 'w')
      return true;
  int runs_ok = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '.') continue;
    std::size_t j = i + 1;
    while (j < s.size() && IsAsciiDigit(s[j])) ++j;
    if (j - i - 1 >= 4) ++runs_ok;
  }
  return runs_ok >= 2;
}

// Amounts need at least one digit that is not only a year-like or tiny number next to a code.
bool AcceptAmount(std::string_view s) { return !DigitsOf(s).empty(); }

bool HasDigit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return IsAsciiDigit(c); });
}

// Replaces capture group 1 (or the first group that took part), the identifier after a label;
// the label stays readable. Trailing sentence punctuation is not part of an identifier.
void AddGroupSpans(std::string_view text, const RE2& re, int groups, EntityKind kind,
                   std::vector<Span>& out,
                   bool (*accept)(std::string_view group, std::string_view whole) = nullptr) {
  ForEachMatch(text, re, groups, [&](std::size_t b, std::size_t len, const re2::StringPiece* sub) {
    for (int g = 1; g <= groups; ++g) {
      if (sub[g].data() == nullptr || sub[g].empty()) continue;
      std::size_t gb = static_cast<std::size_t>(sub[g].data() - text.data());
      std::size_t ge = gb + sub[g].size();
      while (ge > gb && std::string_view(".,;:-/_").find(text[ge - 1]) != std::string_view::npos)
        --ge;
      if (ge == gb) return;
      const std::string_view found = text.substr(gb, ge - gb);
      if (accept != nullptr && !accept(found, text.substr(b, len))) return;
      out.push_back({gb, ge, kind, AsciiLower(found)});
      return;
    }
  });
}

bool AcceptSerial(std::string_view token, std::string_view) { return HasDigit(token); }

// A messenger id holds a digit, or stands after an explicit separator ("WeChat: wangjg").
bool AcceptMessenger(std::string_view id, std::string_view whole) {
  if (HasDigit(id)) return true;
  const std::string_view before = whole.substr(0, whole.size() - id.size());
  return before.find(':') != std::string_view::npos ||
         before.find("：") != std::string_view::npos ||
         before.find('=') != std::string_view::npos || before.find("号") != std::string_view::npos;
}

bool AcceptPlate(std::string_view plate, std::string_view) { return HasDigit(plate); }

// URLs end before closing punctuation of the sentence around them.
void AddUrlSpans(std::string_view text, const RE2& re, std::vector<Span>& out) {
  ForEachMatch(text, re, 0, [&](std::size_t b, std::size_t len, const re2::StringPiece*) {
    std::size_t e = b + len;
    while (e > b && std::string_view(".,;:!?)]}").find(text[e - 1]) != std::string_view::npos) --e;
    if (e - b < 4) return;
    if (b > 0 && IsAsciiAlnum(static_cast<unsigned char>(text[b - 1]))) return;
    out.push_back({b, e, EntityKind::kUrl, AsciiLower(text.substr(b, e - b))});
  });
}

// Capitalized words that open sentences or name documents and materials, never people.
bool IsNotAName(std::string_view word) {
  static const std::set<std::string_view> words = {
      "The",        "This",       "That",        "These",      "Those",       "Then",
      "Than",       "And",        "But",         "After",      "Before",      "Later",
      "Now",        "Also",       "Today",       "Yesterday",  "Finally",     "However",
      "Afterwards", "Here",       "There",       "Again",      "Only",        "Luego",
      "Después",    "Ayer",       "Hoy",         "Ensuite",    "Puis",        "Hier",
      "Depois",     "Ontem",      "Hoje",        "Entonces",   "Alors",       "Então",
      "When",       "While",      "Our",         "Their",      "His",         "Her",
      "Its",        "Table",      "Figure",      "Fig",        "Section",     "Annex",
      "Appendix",   "Standard",   "Tabla",       "Figura",     "Tableau",     "Tabela",
      "Norma",      "Norme",      "El",          "La",         "Le",          "Les",
      "Los",        "Las",        "Os",          "As",         "Un",          "Una",
      "Une",        "Um",         "Uma",         "In",         "On",          "At",
      "For",        "With",       "From",        "Plant",      "Manager",     "Director",
      "Head",       "Department", "Team",        "Division",   "Titanium",    "Nickel",
      "Steel",      "Grade",      "Heater",      "Heaters",    "Heat",        "Exchanger",
      "Tank",       "Coil",       "Bath",        "Line",       "Chief",       "Senior",
      "Junior",     "Quality",    "Maintenance", "Production", "Engineering", "Operations",
      "Safety",     "Report",     "Monday",      "Tuesday",    "Wednesday",   "Thursday",
      "Friday",     "Saturday",   "Sunday",      "January",    "February",    "March",
      "April",      "May",        "June",        "July",       "August",      "September",
      "October",    "November",   "December",    "Mr",         "Mrs",         "Ms",
      "Dr"};
  return words.count(word) > 0;
}

// Drops leading words that cannot be names; empty when none is left.
std::string PersonFromWords(std::string_view s) {
  std::vector<std::string> words = SplitWords(s);
  std::size_t first = 0;
  while (first < words.size() && IsNotAName(words[first])) ++first;
  std::string out;
  for (std::size_t i = first; i < words.size(); ++i) {
    if (IsNotAName(words[i])) break;
    if (!out.empty()) out += ' ';
    out += words[i];
  }
  return out;
}

// ---- Digit runs: identity numbers, credit codes, phones, long numbers ------------------------

void AddCodeSpans(std::string_view text, std::vector<Span>& out) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (!IsAsciiAlnum(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && IsAsciiAlnum(static_cast<unsigned char>(text[j]))) ++j;
    std::string_view token = text.substr(i, j - i);
    if (token.size() == 18) {
      std::string upper(token);
      for (char& c : upper)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      if (IsValidResidentId(upper)) {
        out.push_back({i, j, EntityKind::kIdNumber, upper});
      } else if (IsValidCreditCode(upper)) {
        out.push_back({i, j, EntityKind::kCreditCode, upper});
      }
    }
    // Any long digit run (invalid identity numbers, accounts, contract numbers).
    std::size_t k = i;
    while (k < j) {
      if (!IsAsciiDigit(text[k])) {
        ++k;
        continue;
      }
      std::size_t e = k;
      while (e < j && IsAsciiDigit(text[e])) ++e;
      if (e - k >= 9)
        out.push_back({k, e, EntityKind::kNumber, std::string(text.substr(k, e - k))});
      k = e;
    }
    i = j;
  }
}

bool IsMobile(const std::string& d) {
  return d.size() == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9';
}

void AddPhoneSpans(std::string_view text, std::vector<Span>& out) {
  for (std::size_t start = 0; start < text.size(); ++start) {
    const char c0 = text[start];
    if (!(c0 == '+' || c0 == '(' || IsAsciiDigit(c0))) continue;
    if (start > 0) {
      const char32_t prev = utf8::DecodeBefore(text, start).value;
      if (IsAsciiAlnum(prev) || prev == '+' || prev == '.' || prev == ',' || prev == '-' ||
          prev == '/')
        continue;
      if (IsAsciiDigit(c0) && start > 1 && text[start - 1] == ' ' && IsAsciiDigit(text[start - 2]))
        continue;  // inside a space-grouped number: its first group starts the candidate
    }
    // Walk digit groups joined by single separators; remember where each group ends.
    std::size_t i = start;
    if (c0 == '+') ++i;
    std::vector<std::size_t> group_ends;
    std::string digits;
    bool plus = c0 == '+';
    bool paren = false;
    while (i < text.size()) {
      if (text[i] == '(') {
        if (paren) break;  // one area-code bracket per number: keeps runs of "(" linear
        paren = true;
        ++i;
        continue;
      }
      if (!IsAsciiDigit(text[i])) break;
      while (i < text.size() && IsAsciiDigit(text[i])) digits.push_back(text[i++]);
      std::size_t end = i;
      if (paren && i < text.size() && text[i] == ')') ++i, end = i;  // closes the area code
      group_ends.push_back(end);
      if (digits.size() > 16) break;
      // One separator (or ") " / " - ") between groups.
      std::size_t k = i;
      int seps = 0;
      while (k < text.size() && (text[k] == ' ' || text[k] == '-' || text[k] == '.') && seps < 3)
        ++k, ++seps;
      if (seps == 0 || k >= text.size() || !(IsAsciiDigit(text[k]) || text[k] == '(')) break;
      if (text[i] == '.' && seps == 1 && digits.size() < 3) break;  // a decimal, not a phone
      i = k;
    }
    // Longest prefix of groups that reads as a phone number.
    for (std::size_t g = group_ends.size(); g-- > 0;) {
      const std::size_t end = group_ends[g];
      if (end < text.size() && IsAsciiAlnum(static_cast<unsigned char>(text[end]))) continue;
      std::string d = DigitsOf(text.substr(start, end - start));
      std::string national = d;
      if (national.size() == 13 && national.rfind("86", 0) == 0) national = national.substr(2);
      bool grouped = g > 0;
      bool phone = (plus && d.size() >= 8 && d.size() <= 15) || IsMobile(national) ||
                   (d.size() >= 10 && d.size() <= 12 && d[0] == '0' && d[1] != '0') ||
                   (paren && d.size() >= 10 && d.size() <= 11) ||
                   (grouped && d.size() == 9 && d[0] >= '6' && d[0] <= '9') ||
                   (grouped && d.size() == 10 && d[0] >= '2' && d[0] <= '9' && !paren &&
                    text.substr(start, end - start).find('-') != std::string_view::npos);
      if (phone) {
        std::string key = national.size() == 11 && IsMobile(national) ? national : d;
        out.push_back({start, end, EntityKind::kPhone, key});
        break;
      }
    }
  }
}

// ---- Chinese patterns (scanned by code point) ------------------------------------------------

struct Cp {
  char32_t cp;
  std::size_t offset;
  std::size_t len;
};

std::vector<Cp> DecodeAll(std::string_view s) {
  std::vector<Cp> cps;
  for (std::size_t i = 0; i < s.size();) {
    const utf8::CodePoint c = utf8::DecodeLenient(s, i);
    cps.push_back({c.value, i, c.length});
    i += c.length;
  }
  return cps;
}

bool IsStopChar(char32_t c) {
  static const std::u32string stops =
      U"在于的与和向从为是了对把被将给由及等到至位址，。、：；！？“”‘’（）《》,.;:!? \n\t";
  return stops.find(c) != std::u32string::npos;
}

bool IsDigitCp(char32_t c) { return (c >= '0' && c <= '9') || (c >= U'０' && c <= U'９'); }

bool IsChineseNumeral(char32_t c) {
  static const std::u32string numerals =
      U"零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟";
  return numerals.find(c) != std::u32string::npos;
}

bool Matches(const std::vector<Cp>& cps, std::size_t i, std::u32string_view word) {
  if (i + word.size() > cps.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k)
    if (cps[i + k].cp != word[k]) return false;
  return true;
}

std::size_t EndOffset(const std::vector<Cp>& cps, std::size_t i) {
  return cps[i].offset + cps[i].len;
}

// Walks back from index `end` (exclusive) over CJK characters, at most `max` of them.
std::size_t BackOverCjk(const std::vector<Cp>& cps, std::size_t end, std::size_t max,
                        bool allow_digits) {
  std::size_t b = end;
  while (b > 0 && end - b < max) {
    char32_t c = cps[b - 1].cp;
    if (IsStopChar(c)) break;
    if (!(IsCjk(c) || (allow_digits && IsDigitCp(c)))) break;
    --b;
  }
  return b;
}

// Persons by form of address: a surname from the surname table, up to two given-name
// characters and a title (王工, 李经理, 张伟先生, 欧阳明华老师), or 小/老 and a surname (小王,
// 老李).
void AddChinesePersonSpans(std::string_view text, const std::vector<Cp>& cps,
                           std::vector<Span>& out) {
  const ChineseNames& names = ChineseNames::Default();
  auto word = [&](std::size_t b, std::size_t n) {
    std::u32string w;
    for (std::size_t k = 0; k < n && b + k < cps.size(); ++k) w.push_back(cps[b + k].cp);
    return w;
  };
  auto is_surname = [&](std::size_t b, std::size_t n) {
    return b + n <= cps.size() && names.surnames.count(word(b, n)) > 0;
  };
  auto add = [&](std::size_t bi, std::size_t ei) {
    const std::size_t b = cps[bi].offset;
    const std::size_t e = EndOffset(cps, ei - 1);
    out.push_back({b, e, EntityKind::kPerson, std::string(text.substr(b, e - b))});
  };
  // Characters that make 总 the start of a word (总是, 总计, 总经理...), not a form of address.
  static constexpr std::u32string_view kAfterZong = U"是计共体结数量和长重压额值成部厂监裁经";
  // Characters that make 小/老 part of the word before (大小, 减小, 衰老...).
  static constexpr std::u32string_view kBeforeXiao = U"大减缩最较很变过偏太极微细窄矮短古衰苍养";
  for (std::size_t i = 0; i < cps.size(); ++i) {
    const char32_t c = cps[i].cp;
    if ((c == U'小' || c == U'老') && is_surname(i + 1, 1) &&
        names.not_names.count(word(i, 2)) == 0 &&
        (i == 0 || kBeforeXiao.find(cps[i - 1].cp) == std::u32string_view::npos))
      add(i, i + 2);
    for (const auto& title : names.titles) {
      if (!Matches(cps, i, title)) continue;
      const std::size_t te = i + title.size();
      if (title == U"总" && te < cps.size() &&
          kAfterZong.find(cps[te].cp) != std::u32string_view::npos)
        break;
      const std::size_t max_given = title.size() == 1 ? 0 : 2;
      bool found = false;
      for (std::size_t k = max_given + 1; k-- > 0 && !found;) {
        for (std::size_t sl : {std::size_t{2}, std::size_t{1}}) {
          if (i < k + sl) continue;
          const std::size_t b = i - k - sl;
          if (!is_surname(b, sl)) continue;
          bool given_ok = true;
          for (std::size_t g = b + sl; g < i; ++g)
            if (!IsCjk(cps[g].cp) || IsStopChar(cps[g].cp)) given_ok = false;
          if (!given_ok) continue;
          if (k == 0 && names.not_names.count(word(b, sl) + title) > 0) continue;
          add(b, te);
          found = true;
          break;
        }
      }
      break;  // titles are tried longest first; one per position
    }
  }
}

void AddChineseSpans(std::string_view text, std::vector<Span>& out) {
  const std::vector<Cp> cps = DecodeAll(text);
  AddChinesePersonSpans(text, cps, out);
  auto add = [&](std::size_t bi, std::size_t ei, EntityKind kind) {
    const std::size_t b = cps[bi].offset;
    const std::size_t e = EndOffset(cps, ei - 1);
    out.push_back({b, e, kind, std::string(text.substr(b, e - b))});
  };
  for (std::size_t i = 0; i < cps.size(); ++i) {
    const char32_t c = cps[i].cp;
    // Street addresses: ...路/街/大道/巷/弄 [digits 号] [digits 栋/楼/室...].
    std::size_t marker_len = 0;
    if (c == U'路' || c == U'街' || c == U'巷' || c == U'弄') marker_len = 1;
    if (Matches(cps, i, U"大道")) marker_len = 2;
    if (marker_len > 0) {
      std::size_t j = i + marker_len;
      bool numbered = false;
      auto digits_then = [&](std::u32string_view units) {
        std::size_t k = j;
        while (k < cps.size() && (IsDigitCp(cps[k].cp) || cps[k].cp == '-')) ++k;
        if (k == j || k >= cps.size()) return false;
        if (units.find(cps[k].cp) == std::u32string_view::npos) return false;
        j = k + 1;
        return true;
      };
      if (digits_then(U"号")) {
        numbered = true;
        while (digits_then(U"栋幢楼层室号单元")) {
        }
      }
      const std::size_t b = BackOverCjk(cps, i, 16, true);
      bool has_place = false;
      for (std::size_t k = b; k < i; ++k)
        if (cps[k].cp == U'市' || cps[k].cp == U'区' || cps[k].cp == U'县' || cps[k].cp == U'镇' ||
            cps[k].cp == U'省')
          has_place = true;
      if (i > b && (numbered || has_place)) add(b, j, EntityKind::kAddress);
    }
    // Organizations by legal suffix, when no dictionary entry caught them.
    for (std::u32string_view suffix :
         {std::u32string_view(U"股份有限公司"), std::u32string_view(U"有限责任公司"),
          std::u32string_view(U"有限公司"), std::u32string_view(U"集团"),
          std::u32string_view(U"研究院"), std::u32string_view(U"研究所"),
          std::u32string_view(U"公司"), std::u32string_view(U"厂")}) {
      if (!Matches(cps, i, suffix)) continue;
      // "厂" (works) also ends generic phrases (电镀厂): a name needs a brand before the trade.
      const std::size_t min_run = suffix == U"厂" ? 4 : 2;
      std::size_t b = i;
      while (b > 0 && i - b < 12) {
        char32_t p = cps[b - 1].cp;
        if (p == U'（' || p == U'）' || p == '(' || p == ')' || IsCjk(p)) {
          // Conjunctions (和, 与, 及) occur inside brand names: only other stops end the name.
          if (IsStopChar(p) && p != U'（' && p != U'）' && p != U'和' && p != U'与' && p != U'及')
            break;
          --b;
        } else {
          break;
        }
      }
      bool anonymous = false;
      for (std::size_t k = b; k < i; ++k)
        if (cps[k].cp == U'某') anonymous = true;
      if (i - b >= min_run && !anonymous) add(b, i + suffix.size(), EntityKind::kOrganization);
      break;
    }
    // Contact labels followed by a name: 联系人：王某 / 负责人 李四.
    for (std::u32string_view label :
         {std::u32string_view(U"联系人"), std::u32string_view(U"负责人"),
          std::u32string_view(U"经办人"), std::u32string_view(U"检验员"),
          std::u32string_view(U"操作员"), std::u32string_view(U"签字人")}) {
      if (!Matches(cps, i, label)) continue;
      std::size_t k = i + label.size();
      while (k < cps.size() && (cps[k].cp == U'：' || cps[k].cp == ':' || cps[k].cp == ' ')) ++k;
      std::size_t e = k;
      while (e < cps.size() && e - k < 3 && IsCjk(cps[e].cp) && !IsStopChar(cps[e].cp)) ++e;
      if (e - k >= 2) add(k, e, EntityKind::kPerson);
    }
    // Amounts written in Chinese numerals: 三十万元.
    if (IsChineseNumeral(c) && (i == 0 || !IsChineseNumeral(cps[i - 1].cp))) {
      std::size_t e = i;
      while (e < cps.size() && IsChineseNumeral(cps[e].cp)) ++e;
      for (std::u32string_view unit : {std::u32string_view(U"万元"), std::u32string_view(U"元"),
                                       std::u32string_view(U"美元"), std::u32string_view(U"欧元")})
        if (Matches(cps, e, unit)) {
          add(i, e + unit.size(), EntityKind::kAmount);
          break;
        }
    }
  }
}

// ---- Dictionary matching: Aho-Corasick over bytes ------------------------------------------

// All occurrences of all needles in one pass over the haystack (overlapping ones included),
// whatever the number of needles.
class Automaton {
 public:
  Automaton() : fail_{0}, out_link_{0}, terms_(1), children_(1) {}

  void Add(std::string_view needle, std::uint32_t term) {
    std::uint32_t s = 0;
    for (char ch : needle) {
      const auto c = static_cast<unsigned char>(ch);
      std::uint32_t t = Child(s, c);
      if (t == kNone) {
        t = static_cast<std::uint32_t>(fail_.size());
        fail_.push_back(0);
        out_link_.push_back(0);
        terms_.emplace_back();
        children_.emplace_back();
        next_.emplace(Key(s, c), t);
        children_[s].emplace_back(c, t);
      }
      s = t;
    }
    terms_[s].push_back(term);
  }

  // Failure links breadth-first; out_link_ skips states that end no needle.
  void Build() {
    std::vector<std::uint32_t> queue;
    for (const auto& [c, t] : children_[0]) queue.push_back(t);
    for (std::size_t qi = 0; qi < queue.size(); ++qi) {
      const std::uint32_t s = queue[qi];
      for (const auto& [c, t] : children_[s]) {
        std::uint32_t f = fail_[s];
        while (f != 0 && Child(f, c) == kNone) f = fail_[f];
        const std::uint32_t g = Child(f, c);
        fail_[t] = (g != kNone && g != t) ? g : 0;
        out_link_[t] = terms_[fail_[t]].empty() ? out_link_[fail_[t]] : fail_[t];
        queue.push_back(t);
      }
    }
  }

  // f(end_offset, term) for every occurrence.
  template <typename F>
  void Scan(std::string_view hay, F&& f) const {
    if (children_[0].empty()) return;
    std::uint32_t s = 0;
    for (std::size_t i = 0; i < hay.size(); ++i) {
      const auto c = static_cast<unsigned char>(hay[i]);
      while (s != 0 && Child(s, c) == kNone) s = fail_[s];
      const std::uint32_t g = Child(s, c);
      s = g == kNone ? 0 : g;
      for (std::uint32_t u = terms_[s].empty() ? out_link_[s] : s; u != 0; u = out_link_[u])
        for (std::uint32_t term : terms_[u]) f(i + 1, term);
    }
  }

 private:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  static std::uint64_t Key(std::uint32_t s, unsigned char c) {
    return (static_cast<std::uint64_t>(s) << 8) | c;
  }
  std::uint32_t Child(std::uint32_t s, unsigned char c) const {
    const auto it = next_.find(Key(s, c));
    return it == next_.end() ? kNone : it->second;
  }
  std::vector<std::uint32_t> fail_;
  std::vector<std::uint32_t> out_link_;
  std::vector<std::vector<std::uint32_t>> terms_;
  std::vector<std::vector<std::pair<unsigned char, std::uint32_t>>> children_;
  std::unordered_map<std::uint64_t, std::uint32_t> next_;
};

// ---- UTF-8 validity --------------------------------------------------------------------------

// Length of the well-formed sequence at i (RFC 3629: no overlongs, surrogates or > U+10FFFF),
// or 0.
std::size_t ValidSequenceAt(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char b0 = b(0);
  if (b0 < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (b(1) < lo || b(1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k)
    if ((b(k) & 0xC0) != 0x80) return 0;
  return n;
}

bool IsValidUtf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = ValidSequenceAt(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string RepairUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = ValidSequenceAt(s, i);
    if (n == 0) {
      out.append("\xEF\xBF\xBD");
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

// ---- Dictionary variants ---------------------------------------------------------------------

const std::vector<std::string>& OrgSuffixes() {
  static const std::vector<std::string> suffixes = {
      "股份有限公司", "有限责任公司", "有限公司",  "集团公司",  "集团",  "公司",    "厂",
      " Co., Ltd.",   " Co., Ltd",    " Co. Ltd.", " Co.,Ltd.", " Ltd.", " Ltd",    " Inc.",
      " Inc",         " GmbH",        " S.A.",     " SA",       " S.L.", " S.p.A.", " SpA",
      " Ltda.",       " Ltda",        " Lda.",     " Lda",      " SARL", " LLC",    " Corp.",
      " Corporation", " Company",     " Group",    " Ltée"};
  return suffixes;
}

const std::vector<std::string>& ParkSuffixes() {
  static const std::vector<std::string> suffixes = {
      "工业园区", "工业园", "经济开发区",       "开发区",
      "园区",     "产业园", " Industrial Park", " Industrial Zone",
      " Park",    " Zone",  " industrial park"};
  return suffixes;
}

std::string StripSuffix(const std::string& name, const std::vector<std::string>& suffixes) {
  for (const auto& s : suffixes)
    if (EndsWith(name, s) && name.size() > s.size())
      return Trim(name.substr(0, name.size() - s.size()));
  return name;
}

bool IsConnector(const std::string& w) {
  static const std::vector<std::string> connectors = {
      "bin", "bint", "ibn", "de", "da", "do", "dos", "das", "del", "van", "von", "la",
      "le",  "el",   "al",  "di", "du", "y",  "e",   "بن",  "ابن", "بنت", "عبد", "آل"};
  return std::find(connectors.begin(), connectors.end(), AsciiLower(w)) != connectors.end();
}

std::string Capitalized(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::string Join(const std::vector<std::string>& parts, std::size_t from, std::size_t to,
                 std::string_view sep) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    if (i > from) out += sep;
    out += parts[i];
  }
  return out;
}

// Romanized spellings of a Chinese person name: surname and given name in both orders, the given
// name written together, apart or with a hyphen ("Wang Jianguo", "Jianguo Wang", "Jian-guo Wang",
// "WangJianguo"), and the given name alone when it has two syllables.
std::vector<std::string> PinyinPersonForms(std::string_view name, bool& given_alone_ok,
                                           std::string& given_alone) {
  std::vector<std::string> forms;
  given_alone_ok = false;
  const ChineseNames& names = ChineseNames::Default();
  const std::u32string u = utf8::Decode(name);
  if (u.size() < 2 || u.size() > 4) return forms;
  const std::vector<std::string> syl = names.Syllables(u);
  if (syl.size() < 2) return forms;
  const std::string surname = syl[0];
  const std::size_t n = syl.size();
  for (std::string_view sep : {"", " ", "-"}) {
    std::string given = Join(syl, 1, n, sep);
    if (sep == "-" && n == 2) continue;
    for (std::string_view gap : {" ", "", "-"}) {
      forms.push_back(surname + std::string(gap) + given);
      forms.push_back(given + std::string(gap) + surname);
    }
  }
  if (n >= 3) {
    given_alone = Capitalized(Join(syl, 1, n, ""));
    given_alone_ok = true;
  }
  return forms;
}

// Romanized spellings of a Chinese organization core ("苏州华瑞电镀" -> "Suzhou Huarui Diandu",
// "Suzhou Huarui", "Huarui", "Hua-rui"): the place is the first two characters when the core is
// longer than four, the brand the next two.
std::vector<std::string> PinyinOrgForms(std::string_view core) {
  std::vector<std::string> forms;
  const ChineseNames& names = ChineseNames::Default();
  const std::u32string u = utf8::Decode(core);
  if (u.size() < 2) return forms;
  const std::size_t brand_at = u.size() >= 5 ? 2 : 0;
  std::vector<std::string> syl;
  for (char32_t c : u) {
    auto it = names.readings.find(c);
    if (it == names.readings.end() || it->second.empty()) return forms;
    syl.push_back(it->second.front());
  }
  auto pair = [&](std::size_t i, std::string_view sep) {
    return i + 1 < syl.size() ? syl[i] + std::string(sep) + syl[i + 1] : syl[i];
  };
  for (std::string_view sep : {"", "-", " "}) forms.push_back(pair(brand_at, sep));
  if (brand_at == 2) {
    forms.push_back(pair(0, "") + " " + pair(2, ""));
    forms.push_back(pair(0, "") + "-" + pair(2, ""));
    forms.push_back(pair(0, "") + pair(2, ""));
  }
  std::string words;
  for (std::size_t i = 0; i < syl.size(); i += 2) {
    if (!words.empty()) words += ' ';
    words += pair(i, "");
  }
  forms.push_back(words);
  return forms;
}

}  // namespace

struct Desensitizer::TermIndex {
  Automaton exact;   // case-sensitive terms, over the text as written
  Automaton folded;  // the others, over the ASCII-lower-cased text
};

namespace {

// A run of ASCII letters (with inner hyphens and apostrophes) that may be part of a romanized
// name: capitalized, or one of the lower-case name particles.
struct LatinWord {
  std::size_t begin;
  std::size_t end;
  std::vector<std::string> skeletons;  // empty: an article ("Al", "el-") that joins the next word
};

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::vector<LatinWord> LatinWords(std::string_view text) {
  std::vector<LatinWord> words;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!IsAsciiLetter(text[i]) || (i > 0 && IsLatinWordChar(utf8::DecodeBefore(text, i).value))) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() &&
           (IsAsciiLetter(text[j]) || ((text[j] == '-' || text[j] == '\'') && j + 1 < text.size() &&
                                       IsAsciiLetter(text[j + 1]))))
      ++j;
    if (j < text.size() &&
        IsLatinWordChar(utf8::DecodeLenient(text, j).value)) {  // "Ahmedé": not ASCII-only
      i = j + 1;
      continue;
    }
    const std::string_view w = text.substr(i, j - i);
    const std::string lower = AsciiLower(w);
    const bool particle = lower == "al" || lower == "el" || lower == "bin" || lower == "ibn" ||
                          lower == "ben" || lower == "bint" || lower == "abu" || lower == "abou";
    if ((w[0] >= 'A' && w[0] <= 'Z') || particle) words.push_back({i, j, LatinSkeletons(w)});
    i = j;
  }
  return words;
}

// True when only spaces stand between two words.
bool Adjacent(std::string_view text, const LatinWord& a, const LatinWord& b) {
  for (std::size_t k = a.end; k < b.begin; ++k)
    if (text[k] != ' ') return false;
  return true;
}

// Spans where consecutive words spell the name's skeletons in order (articles between them
// allowed). Linear in the number of words times the name's length.
void AddRomanizedSpans(std::string_view text, const std::vector<LatinWord>& words,
                       const std::vector<std::string>& skeletons, const std::string& key,
                       std::vector<Span>& out) {
  for (std::size_t start = 0; start < words.size(); ++start) {
    std::size_t w = start;
    std::size_t matched = 0;
    while (matched < skeletons.size() && w < words.size()) {
      if (w > start && !Adjacent(text, words[w - 1], words[w])) break;
      const auto& variants = words[w].skeletons;
      if (variants.empty()) {  // an article
        ++w;
        continue;
      }
      bool hit = false;
      for (const auto& v : variants) hit = hit || v == skeletons[matched];
      if (!hit) break;
      ++matched;
      ++w;
    }
    if (matched == skeletons.size())
      out.push_back({words[start].begin, words[w - 1].end, EntityKind::kPerson, key, true});
  }
}

}  // namespace

std::string_view EntityLabel(EntityKind kind) {
  switch (kind) {
    case EntityKind::kPerson:
      return "PERSON";
    case EntityKind::kOrganization:
      return "ORG";
    case EntityKind::kPark:
      return "PARK";
    case EntityKind::kPhone:
      return "PHONE";
    case EntityKind::kEmail:
      return "EMAIL";
    case EntityKind::kIdNumber:
      return "ID";
    case EntityKind::kCreditCode:
      return "USCC";
    case EntityKind::kAddress:
      return "ADDRESS";
    case EntityKind::kCoordinates:
      return "GPS";
    case EntityKind::kPlate:
      return "PLATE";
    case EntityKind::kAmount:
      return "AMOUNT";
    case EntityKind::kNumber:
      return "NUMBER";
    case EntityKind::kUrl:
      return "URL";
    case EntityKind::kMessenger:
      return "MESSENGER";
    case EntityKind::kSerial:
      return "SERIAL";
  }
  return "REDACTED";
}

std::string PlaceholderMap::For(EntityKind kind, const std::string& key) {
  auto k = std::make_pair(static_cast<int>(kind), key);
  auto it = assigned_.find(k);
  if (it != assigned_.end()) return it->second;
  const int n = ++next_[static_cast<std::size_t>(kind)];
  std::string placeholder = "[" + std::string(EntityLabel(kind)) + "-" + std::to_string(n) + "]";
  assigned_.emplace(std::move(k), placeholder);
  return placeholder;
}

bool IsValidResidentId(std::string_view id) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr std::string_view kChecks = "10X98765432";
  if (id.size() != 18) return false;
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    if (!IsAsciiDigit(id[i])) return false;
    sum += (id[i] - '0') * kWeights[i];
  }
  const char check = id[17] == 'x' ? 'X' : id[17];
  return kChecks[sum % 11] == check;
}

bool IsValidCreditCode(std::string_view code) {
  static constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static constexpr int kWeights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                       29, 25, 13, 8,  24, 10, 30, 28};
  if (code.size() != 18) return false;
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    const auto pos = kAlphabet.find(code[i]);
    if (pos == std::string_view::npos) return false;
    sum += static_cast<int>(pos) * kWeights[i];
  }
  const auto check_pos = kAlphabet.find(code[17]);
  if (check_pos == std::string_view::npos) return false;
  return static_cast<int>(check_pos) == (31 - sum % 31) % 31;
}

void Desensitizer::AddTerm(std::string needle, EntityKind kind, const std::string& key,
                           bool case_sensitive) {
  needle = Trim(needle);
  if (needle.empty()) return;
  const bool latin = StartsLatin(needle);
  // Short fragments would erase ordinary words; CJK names are short by nature.
  if (latin && needle.size() < 3) return;
  if (!latin && CodePointCount(needle) < 2) return;
  // A park or enterprise core shorter than three characters is usually a bare place name.
  if (!latin && kind != EntityKind::kPerson && CodePointCount(needle) < 3) return;
  if (!case_sensitive) needle = AsciiLower(needle);
  if (!seen_terms_.emplace(needle, kind).second) return;
  terms_.push_back({std::move(needle), kind, key, case_sensitive, latin});
}

Desensitizer::Desensitizer(const NameDictionary& dictionary) {
  for (const auto& raw : dictionary.people) {
    const std::string name = Trim(raw);
    if (name.empty()) continue;
    const std::string key = AsciiLower(name);
    AddTerm(name, EntityKind::kPerson, key, false);
    if (auto skeletons = ArabicNameSkeletons(name); !skeletons.empty())
      romanized_.push_back({std::move(skeletons), key});
    const auto words = SplitWords(name);
    if (words.size() > 1) {
      // Surnames and given names alone, capitalized as written, and the reversed order.
      for (const auto& w : words) {
        if (IsConnector(w)) continue;
        AddTerm(w, EntityKind::kPerson, key, true);
        std::string upper = w;
        for (char& ch : upper)
          if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
        AddTerm(upper, EntityKind::kPerson, key, true);
      }
      AddTerm(words.back() + " " + words.front(), EntityKind::kPerson, key, false);
    } else if (!StartsLatin(name)) {
      // A Chinese name: the surname with a form of address (王工, 李经理, 张总).
      const std::size_t n = CodePointCount(name);
      if (n >= 2 && n <= 4) {
        const std::string surname = name.substr(0, utf8::DecodeLenient(name, 0).length);
        for (const char* title : {"工", "总", "经理", "主任", "师傅", "先生", "女士", "老师",
                                  "厂长", "科长", "部长", "班长"})
          AddTerm(surname + title, EntityKind::kPerson, key, true);
        if (n == 3)
          AddTerm(name.substr(utf8::DecodeLenient(name, 0).length), EntityKind::kPerson, key, true);
      }
      bool given_ok = false;
      std::string given;
      for (const auto& form : PinyinPersonForms(name, given_ok, given))
        AddTerm(form, EntityKind::kPerson, key, false);
      if (given_ok) AddTerm(given, EntityKind::kPerson, key, true);
    }
  }
  auto add_org = [&](const std::string& raw, EntityKind kind,
                     const std::vector<std::string>& suffixes) {
    const std::string name = Trim(raw);
    if (name.empty()) return;
    const std::string key = AsciiLower(name);
    AddTerm(name, kind, key, false);
    const std::string core = StripSuffix(name, suffixes);
    if (core != name) AddTerm(core, kind, key, false);
    if (!StartsLatin(core)) {
      // Chinese names often open with a place (苏州华瑞电镀): the rest is used alone.
      const std::size_t first2 =
          core.size() >= 6
              ? utf8::DecodeLenient(core, 0).length +
                    utf8::DecodeLenient(core, utf8::DecodeLenient(core, 0).length).length
              : 0;
      if (first2 > 0 && CodePointCount(core) >= 5) AddTerm(core.substr(first2), kind, key, false);
      for (const auto& form : PinyinOrgForms(core))
        if (form.size() >= 5) AddTerm(form, kind, key, false);
    }
  };
  for (const auto& o : dictionary.organizations)
    add_org(o, EntityKind::kOrganization, OrgSuffixes());
  for (const auto& p : dictionary.parks) add_org(p, EntityKind::kPark, ParkSuffixes());
  // Longest first, so a full name wins over its parts at the same position.
  std::stable_sort(terms_.begin(), terms_.end(),
                   [](const Term& a, const Term& b) { return a.needle.size() > b.needle.size(); });
  auto index = std::make_shared<TermIndex>();
  for (std::size_t i = 0; i < terms_.size(); ++i)
    (terms_[i].case_sensitive ? index->exact : index->folded)
        .Add(terms_[i].needle, static_cast<std::uint32_t>(i));
  index->exact.Build();
  index->folded.Build();
  index_ = std::move(index);
}

ScrubbedText Desensitizer::Scrub(std::string_view input, PlaceholderMap& placeholders) const {
  std::string repaired;
  if (!IsValidUtf8(input)) repaired = RepairUtf8(input);
  const std::string_view original = repaired.empty() ? input : std::string_view(repaired);
  // Recognizers read a normalized copy (full-width and Arabic-Indic digits as ASCII); spans are
  // mapped back to the original bytes, which are what the output keeps between placeholders.
  std::vector<std::size_t> offsets;
  const std::string normalized = NormalizeForms(original, offsets);
  const std::string_view text = normalized;
  std::vector<Span> spans;
  const std::string lower = AsciiLower(text);
  // Names revealed by context in this text count as dictionary entries for the whole text
  // ("Inspector Jane Okafor ... Okafor approved").
  const NameDictionary discovered = DiscoverNames(text);
  std::optional<Desensitizer> local;
  if (!discovered.people.empty() || !discovered.organizations.empty()) local.emplace(discovered);
  const std::vector<LatinWord> latin_words = LatinWords(text);
  for (const Desensitizer* d :
       {this, local ? &*local : static_cast<const Desensitizer*>(nullptr)}) {
    if (d == nullptr) continue;
    auto on_match = [&](std::size_t end, std::uint32_t term) {
      const Term& t = d->terms_[term];
      const std::size_t pos = end - t.needle.size();
      if (t.whole_word) {
        if (pos > 0 && IsLatinWordChar(utf8::DecodeBefore(text, pos).value)) return;
        if (end < text.size() && IsLatinWordChar(utf8::DecodeLenient(text, end).value)) return;
      }
      spans.push_back({pos, end, t.kind, t.key, true});
    };
    d->index_->exact.Scan(text, on_match);
    d->index_->folded.Scan(lower, on_match);
    if (!d->romanized_.empty()) {
      for (const auto& [skeletons, key] : d->romanized_)
        AddRomanizedSpans(text, latin_words, skeletons, key, spans);
    }
  }
  const Patterns& p = P();
  AddRegexSpans(text, p.email, EntityKind::kEmail, spans);
  AddRegexSpans(text, p.street_en, EntityKind::kAddress, spans);
  AddRegexSpans(text, p.street_romance, EntityKind::kAddress, spans);
  AddRegexSpans(text, p.street_ar, EntityKind::kAddress, spans);
  AddRegexSpans(text, p.coord_decimal, EntityKind::kCoordinates, spans, AcceptCoordinate);
  AddRegexSpans(text, p.coord_prefixed, EntityKind::kCoordinates, spans);
  AddRegexSpans(text, p.coord_dms, EntityKind::kCoordinates, spans);
  AddRegexSpans(text, p.coord_zh, EntityKind::kCoordinates, spans);
  AddRegexSpans(text, p.plate, EntityKind::kPlate, spans, nullptr, /*word_end=*/true);
  AddRegexSpans(text, p.money_prefix, EntityKind::kAmount, spans, AcceptAmount);
  AddRegexSpans(text, p.money_suffix, EntityKind::kAmount, spans, AcceptAmount);
  AddRegexSpans(text, p.person_title, EntityKind::kPerson, spans);
  AddRegexSpans(text, p.person_m, EntityKind::kPerson, spans);
  AddRegexSpans(text, p.person_role, EntityKind::kPerson, spans);
  AddRegexSpans(text, p.person_ar, EntityKind::kPerson, spans);
  AddRegexSpans(text, p.org_latin, EntityKind::kOrganization, spans);
  AddRegexSpans(text, p.email_obfuscated, EntityKind::kEmail, spans);
  AddRegexSpans(text, p.email_spaced, EntityKind::kEmail, spans);
  AddUrlSpans(text, p.url, spans);
  AddUrlSpans(text, p.domain, spans);
  AddGroupSpans(text, p.messenger, 1, EntityKind::kMessenger, spans, AcceptMessenger);
  AddGroupSpans(text, p.handle, 1, EntityKind::kMessenger, spans);
  AddGroupSpans(text, p.serial, 1, EntityKind::kSerial, spans, AcceptSerial);
  AddGroupSpans(text, p.plate_context, 2, EntityKind::kPlate, spans, AcceptPlate);
  AddRegexSpans(text, p.plate_eu, EntityKind::kPlate, spans);
  AddCodeSpans(text, spans);
  AddPhoneSpans(text, spans);
  AddChineseSpans(text, spans);

  // Overlaps: merge into one span (so nothing of either survives), kind of the longest.
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    return a.end > b.end;
  });
  std::vector<Span> merged;
  for (auto& s : spans) {
    if (!merged.empty() && s.begin < merged.back().end) {
      // The longer span names the entity; on a tie a dictionary entry (stable placeholder)
      // wins, and a bare long number gives way to anything more specific.
      Span& m = merged.back();
      const std::size_t ls = s.end - s.begin, lm = m.end - m.begin;
      if (s.dictionary && !m.dictionary && s.kind == m.kind) {
        m.key = s.key;  // same entity, found by pattern and by name: keep the name's number
        m.dictionary = true;
      } else if (ls > lm && !(m.dictionary && s.kind == m.kind)) {
        m.kind = s.kind;
        m.key = s.key;
        m.dictionary = s.dictionary;
      } else if (ls == lm && ((s.dictionary && !m.dictionary) ||
                              (m.kind == EntityKind::kNumber && s.kind != m.kind))) {
        m.kind = s.kind;
        m.key = s.key;
        m.dictionary = s.dictionary;
      }
      m.end = std::max(m.end, s.end);
      continue;
    }
    merged.push_back(std::move(s));
  }

  ScrubbedText result;
  std::size_t cursor = 0;
  for (const auto& s : merged) {
    const std::size_t begin = offsets[s.begin];
    const std::size_t end = offsets[s.end];
    result.text.append(original.substr(cursor, begin - cursor));
    std::string placeholder = placeholders.For(s.kind, s.key);
    result.text.append(placeholder);
    result.findings.push_back({s.kind, begin, end - begin, std::move(placeholder)});
    cursor = end;
  }
  result.text.append(original.substr(cursor));
  return result;
}

NameDictionary DiscoverNames(std::string_view original) {
  std::vector<std::size_t> offsets;
  const std::string normalized = NormalizeForms(original, offsets);
  const std::string_view text = normalized;
  NameDictionary found;
  std::set<std::string> seen_people, seen_orgs;
  auto remember = [&](std::string name, bool person) {
    auto& seen = person ? seen_people : seen_orgs;
    if (name.empty() || !seen.insert(name).second) return;
    (person ? found.people : found.organizations).push_back(std::move(name));
  };
  auto collect = [&](const RE2& re, bool person, int group) {
    ForEachMatch(text, re, group, [&](std::size_t, std::size_t, const re2::StringPiece* sub) {
      std::string name(sub[group].data(), sub[group].size());
      // Names end before punctuation the pattern may have taken along (ASCII, ، and ؛).
      for (bool trimmed = true; trimmed && !name.empty();) {
        trimmed = false;
        if (std::string_view(" ,;:!?()").find(name.back()) != std::string_view::npos) {
          name.pop_back();
          trimmed = true;
        } else if (EndsWith(name, "،") || EndsWith(name, "؛")) {
          name.resize(name.size() - 2);
          trimmed = true;
        }
      }
      remember(std::move(name), person);
    });
  };
  const Patterns& p = P();
  collect(p.person_title, true, 1);
  collect(p.person_m, true, 1);
  collect(p.person_role, true, 1);
  collect(p.person_ar, true, 1);
  collect(p.org_latin, false, 0);
  collect(p.person_ar_nasab, true, 1);
  collect(p.person_ar_kunya, true, 1);
  for (const RE2* re : {&p.person_said, &p.person_said_after, &p.person_of, &p.person_trade})
    ForEachMatch(text, *re, 1, [&](std::size_t, std::size_t, const re2::StringPiece* sub) {
      remember(PersonFromWords(std::string_view(sub[1].data(), sub[1].size())), true);
    });
  std::vector<Span> spans;
  AddChineseSpans(text, spans);
  for (const auto& sp : spans) {
    if (sp.kind != EntityKind::kPerson && sp.kind != EntityKind::kOrganization) continue;
    remember(std::string(text.substr(sp.begin, sp.end - sp.begin)), sp.kind == EntityKind::kPerson);
  }
  return found;
}

std::vector<ResidualRisk> FindResidualRisks(std::string_view scrubbed) {
  std::vector<ResidualRisk> risks;
  const std::vector<Cp> cps = DecodeAll(scrubbed);
  const std::size_t n = cps.size();
  // Tokens in code points: placeholders ("[PERSON-1]"), Latin word runs, CJK runs.
  enum class Tok { kPlaceholder, kWord, kCjk };
  struct Token {
    Tok kind;
    std::size_t begin, end;
  };
  std::vector<Token> tokens;
  for (std::size_t i = 0; i < n;) {
    const char32_t c = cps[i].cp;
    if (c == '[') {
      std::size_t j = i + 1;
      while (j < n && cps[j].cp >= 'A' && cps[j].cp <= 'Z') ++j;
      if (j > i + 1 && j < n && cps[j].cp == '-') {
        std::size_t k = j + 1;
        while (k < n && cps[k].cp >= '0' && cps[k].cp <= '9') ++k;
        if (k > j + 1 && k < n && cps[k].cp == ']') {
          tokens.push_back({Tok::kPlaceholder, i, k + 1});
          i = k + 1;
          continue;
        }
      }
    }
    if (IsLatinWordChar(c) || c == '-' || c == '_' || c == '/') {
      std::size_t j = i;
      while (j < n && (IsLatinWordChar(cps[j].cp) || cps[j].cp == '-' || cps[j].cp == '_' ||
                       cps[j].cp == '/'))
        ++j;
      tokens.push_back({Tok::kWord, i, j});
      i = j;
      continue;
    }
    if (IsCjk(c) && !IsStopChar(c)) {
      std::size_t j = i;
      while (j < n && IsCjk(cps[j].cp) && !IsStopChar(cps[j].cp)) ++j;
      tokens.push_back({Tok::kCjk, i, j});
      i = j;
      continue;
    }
    if (c == '@') risks.push_back({i, 1, "cases.residual_risk.at_sign"});
    ++i;
  }
  auto placeholder_near = [&](std::size_t t, std::size_t reach) {
    for (std::size_t d = 1; d <= reach; ++d) {
      if (t >= d && tokens[t - d].kind == Tok::kPlaceholder) return true;
      if (t + d < tokens.size() && tokens[t + d].kind == Tok::kPlaceholder) return true;
    }
    return false;
  };
  auto adjacent_placeholder = [&](std::size_t t) {
    return (t > 0 && tokens[t - 1].kind == Tok::kPlaceholder &&
            tokens[t - 1].end == tokens[t].begin) ||
           (t + 1 < tokens.size() && tokens[t + 1].kind == Tok::kPlaceholder &&
            tokens[t + 1].begin == tokens[t].end);
  };
  const ChineseNames& names = ChineseNames::Default();
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    const Token& tok = tokens[t];
    if (tok.kind == Tok::kPlaceholder) continue;
    const std::size_t len = tok.end - tok.begin;
    if (tok.kind == Tok::kCjk) {
      if (len >= 2 && len <= 4 && adjacent_placeholder(t) &&
          names.surnames.count(std::u32string(1, cps[tok.begin].cp)) > 0)
        risks.push_back({tok.begin, len, "cases.residual_risk.surname_near_placeholder"});
      continue;
    }
    std::size_t letters = 0, digits = 0, run = 0, longest_run = 0;
    for (std::size_t k = tok.begin; k < tok.end; ++k) {
      const char32_t c = cps[k].cp;
      if (c >= '0' && c <= '9') {
        ++digits;
        longest_run = std::max(longest_run, ++run);
      } else {
        run = 0;
        if (IsLatinWordChar(c) && c != '\'') ++letters;
      }
    }
    if (longest_run >= 6) {
      risks.push_back({tok.begin, len, "cases.residual_risk.digit_run"});
    } else if (letters >= 2 && digits >= 3 && len >= 6) {
      risks.push_back({tok.begin, len, "cases.residual_risk.code"});
    } else if (letters == len && len >= 2 && cps[tok.begin].cp < 0x80 && cps[tok.begin].cp >= 'A' &&
               cps[tok.begin].cp <= 'Z' &&
               !(cps[tok.begin + 1].cp >= 'A' && cps[tok.begin + 1].cp <= 'Z') &&
               placeholder_near(t, 2)) {
      const std::string word(scrubbed.substr(cps[tok.begin].offset,
                                             EndOffset(cps, tok.end - 1) - cps[tok.begin].offset));
      if (!IsNotAName(word))
        risks.push_back({tok.begin, len, "cases.residual_risk.capitalized_near_placeholder"});
    }
  }
  std::sort(risks.begin(), risks.end(),
            [](const ResidualRisk& a, const ResidualRisk& b) { return a.offset < b.offset; });
  return risks;
}

std::string Desensitizer::ScrubText(std::string_view text) const {
  PlaceholderMap map;
  return Scrub(text, map).text;
}

}  // namespace rutile::cases
