// Tokens of a typed sentence: words, lower-cased, split on white space and
// punctuation (which is dropped). ASCII and Latin-1 letters (A-Z, À-Þ) are
// lower-cased; other UTF-8 text is kept as it is. Punctuation is ASCII
// punctuation plus the Unicode ranges U+00A1-U+00BF (except letters), U+2000-U+206F
// (general punctuation: dashes, curly quotes, ellipsis) and U+3000-U+303F.
// "Dog bites man!" -> {"dog", "bites", "man"}.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace peviz {

std::vector<std::string> tokenize(std::string_view text);

}  // namespace peviz
