// Test helpers shared by tokenizer_test.cc and tokenizer_slowtest.cc: the
// invariants every tokenization must keep, checked independently of the
// tokenizer's own character tables.
#ifndef CHRONICLE_TEXT_TOKENIZER_TESTING_H_
#define CHRONICLE_TEXT_TOKENIZER_TESTING_H_

#include <string_view>

#include <gtest/gtest.h>

#include "doc/document.h"
#include "util/utf8.h"

namespace chronicle {

// True when the code point may separate tokens: whitespace, controls and
// invisible format characters (an independent list, not the tokenizer's).
inline bool IsSeparatorCodePoint(char32_t c) {
  return c <= 0x20 || (c >= 0x7F && c <= 0xA0) || c == 0x1680 ||
         c == 0x180E || (c >= 0x2000 && c <= 0x200B) || c == 0x200E ||
         c == 0x200F || (c >= 0x2028 && c <= 0x202F) ||
         (c >= 0x205F && c <= 0x206F) || c == 0x3000 || c == 0xFEFF ||
         (c >= 0x0600 && c <= 0x0605) || (c >= 0xFFF0 && c <= 0xFFFB) ||
         c == 0xFFFE || c == 0xFFFF;
}

// Text between tokens: only separators and bytes that are not valid UTF-8.
inline ::testing::AssertionResult IsGap(std::string_view gap) {
  size_t i = 0;
  while (i < gap.size()) {
    unsigned char b = static_cast<unsigned char>(gap[i]);
    size_t len = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    if (i + len > gap.size() || !IsValidUtf8(gap.substr(i, len))) {
      ++i;  // an invalid byte
      continue;
    }
    size_t j = i;
    char32_t c = DecodeUtf8(gap, &j);
    if (!IsSeparatorCodePoint(c)) {
      return ::testing::AssertionFailure()
             << "U+" << std::hex << static_cast<uint32_t>(c)
             << " between tokens";
    }
    i += len;
  }
  return ::testing::AssertionSuccess();
}

// Checks every invariant the rest of the pipeline relies on: tokens in
// order, non-empty, on character boundaries, only gap text between them,
// space_after consistent, sentences covering the tokens in order.
inline void ExpectInvariants(const Document& doc) {
  const std::string& text = doc.text;
  // Character boundaries only mean something in valid UTF-8; in any text,
  // each token must be valid UTF-8 by itself.
  const bool valid = IsValidUtf8(text);
  uint32_t prev_end = 0;
  for (size_t i = 0; i < doc.tokens.size(); ++i) {
    const Token& t = doc.tokens[i];
    ASSERT_LT(t.span.begin, t.span.end) << "token " << i;
    ASSERT_LE(t.span.end, text.size());
    ASSERT_GE(t.span.begin, prev_end) << "token " << i;
    if (valid) {
      ASSERT_TRUE(IsCharBoundary(text, t.span.begin));
      ASSERT_TRUE(IsCharBoundary(text, t.span.end));
    }
    ASSERT_TRUE(IsValidUtf8(doc.Text(t.span))) << "token " << i;
    std::string_view gap(text.data() + prev_end, t.span.begin - prev_end);
    ASSERT_TRUE(IsGap(gap)) << "before token " << i;
    bool expect_space = i + 1 < doc.tokens.size()
                            ? doc.tokens[i + 1].span.begin != t.span.end
                            : t.span.end != text.size();
    ASSERT_EQ(t.space_after, expect_space) << "token " << i;
    prev_end = t.span.end;
  }
  std::string_view tail(text.data() + prev_end, text.size() - prev_end);
  ASSERT_TRUE(IsGap(tail)) << "after the last token";
  uint32_t next_token = 0;
  for (const Sentence& s : doc.sentences) {
    ASSERT_EQ(s.first_token, next_token);
    ASSERT_LT(s.first_token, s.end_token);
    ASSERT_EQ(s.span.begin, doc.tokens[s.first_token].span.begin);
    ASSERT_EQ(s.span.end, doc.tokens[s.end_token - 1].span.end);
    next_token = s.end_token;
  }
  ASSERT_EQ(next_token, doc.tokens.size());
  if (valid) {
    ASSERT_TRUE(doc.Validate().ok()) << doc.Validate().error().ToString();
  }
}

}  // namespace chronicle

#endif  // CHRONICLE_TEXT_TOKENIZER_TESTING_H_
