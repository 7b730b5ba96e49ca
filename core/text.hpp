// Small text helpers for names, lists and lines, shared by the command line, lessons,
// compare specs, the export form, the figure layout and messages: trim, split, join, and
// the closest name to a typo. (core/utf8 is the other half: validating and printing.)
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace peviz {

// `s` without leading and trailing white space (spaces, tabs, CR, LF).
std::string trim(std::string_view s);
// The parts of `s` between the separators (an empty `s` is one empty part).
std::vector<std::string> split(std::string_view s, char sep);
// "a, b, c" (or with another separator).
std::string join(const std::vector<std::string>& names, std::string_view sep = ", ");
// A number for a message: whole numbers in full (theta 500000, a context of 16384), others
// to 6 significant digits.
std::string plain_number(double v);
// `s` on one line, for a message that must be one line on a terminal: line feed, carriage
// return and tab as \n, \r and \t, every other control character as \xHH (UTF-8 is kept).
std::string one_line(std::string_view s);
// ASCII lower case.
std::string lower(std::string s);
// Edit distance with transpositions (optimal string alignment): "veiw" is one edit from
// "view". Words longer than 64 bytes are not compared (1000).
std::size_t edit_distance(std::string_view a, std::string_view b);
// The closest of `names` to `word` if it is close enough to be a typo (one edit, two for
// words of six letters or more), else "".
std::string closest(const std::string& word, const std::vector<std::string>& names);

}  // namespace peviz
