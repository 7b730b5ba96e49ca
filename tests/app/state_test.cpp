// app/state: the one parameter model under the window, the command line, lessons and the
// export dialog. These tests pin the rules all of them now share: the order in which a
// name is looked up, the defaults, the refusals and their wording, deep copies, JSON.
#include "app/state/state.hpp"

#include <gtest/gtest.h>

#include <string>

#include "app/compare/compare.hpp"
#include "core/validate.hpp"

namespace peviz {
namespace {

// The message of the InvalidArgument `f` throws, or "" when it throws none.
template <typename F>
std::string refusal_of(F f) {
  try {
    f();
  } catch (const InvalidArgument& e) {
    return e.what();
  }
  return "";
}

TEST(State, StartsAtTheDefaultsOfEveryPath) {
  State s;
  const SharedParams defaults;
  EXPECT_EQ(s.shared.d, defaults.d);
  EXPECT_EQ(s.shared.base, defaults.base);
  EXPECT_EQ(s.shared.positions, defaults.positions);
  EXPECT_EQ(s.view_index(), 0);
  EXPECT_EQ(std::string(s.view().name()), "encoding");
  EXPECT_EQ(s.shared.scheme, Scheme::Sinusoidal);
  EXPECT_TRUE(s.shows_scheme());
  // One instance of every view, in the sidebar's order, each findable by name.
  ASSERT_EQ(s.view_names().size(), s.views().size());
  for (const std::string& name : s.view_names()) {
    ASSERT_NE(s.find_view(name), nullptr) << name;
    EXPECT_EQ(std::string(s.find_view(name)->name()), name);
  }
  EXPECT_EQ(s.find_view("teapot"), nullptr);
}

TEST(State, SetsTheViewsOwnOptionFirstThenTheSharedOne) {
  State s;
  s.select_view("alibi");
  s.set_option("head", "3");  // the ALiBi view's own
  s.set_option("heads", "12");
  EXPECT_EQ(s.shared.heads, 12);
  ASSERT_TRUE(s.option("head").has_value());
  EXPECT_FALSE(s.option("head")->shared);
  EXPECT_TRUE(s.option("heads")->shared);
  EXPECT_EQ(s.option("heads")->kind, ParamKind::Int);
  EXPECT_FALSE(s.option("teapot").has_value());
  // The value landed in the view: its description says head=3.
  EXPECT_NE(s.describe().find("head=3;"), std::string::npos) << s.describe();
  EXPECT_NE(s.describe().find("heads=12;"), std::string::npos) << s.describe();
  // try_set says false for an unknown name and changes nothing.
  const std::string before = s.describe();
  EXPECT_FALSE(s.try_set("teapot", "1"));
  EXPECT_EQ(s.describe(), before);
}

TEST(State, RefusesWithOneWording) {
  State s;
  EXPECT_EQ(refusal_of([&] { s.set_option("bse", "500"); }),
            "view 'encoding' has no option 'bse' (did you mean 'base'?)");
  EXPECT_EQ(refusal_of([&] { s.set_option("teapot", "1"); }),
            "view 'encoding' has no option 'teapot' (see peviz --help)");
  EXPECT_EQ(refusal_of([&] { s.select_view("encodign"); }),
            "unknown view 'encodign' (did you mean 'encoding'?)");
  EXPECT_EQ(refusal_of([&] { s.set_option("d", "13"); }),
            "--d '13': must be even (dimensions pair up): try 12 or 14");
  EXPECT_EQ(s.shared.d, 64);  // a refused value changes nothing
  s.shared.scheme = Scheme::Rope;
  EXPECT_FALSE(s.shows_scheme());
  EXPECT_EQ(refusal_of([&] { s.check_scheme(); }),
            "view 'encoding' shows sinusoidal, learned, not rope");
  s.shared.scheme = Scheme::Sinusoidal;
  EXPECT_EQ(
      refusal_of([&] {
        s.check_used({{"d", "32"}, {"heads", "4"}});
      }),
      "view 'encoding' does not use 'heads' (it uses d, base, positions, start, layout, values)");
  EXPECT_EQ(refusal_of([&] { s.check_used({{"d", "32"}, {"base", "500"}}); }), "");
}

TEST(State, UsedNamesFollowTheScheme) {
  State s;
  EXPECT_TRUE(s.uses("base"));
  EXPECT_FALSE(s.uses("seed"));
  s.set_option("scheme", "learned");
  EXPECT_FALSE(s.uses("base"));  // a learned table has no base
  EXPECT_TRUE(s.uses("seed"));
  const std::vector<Setting> values = s.used_values();
  ASSERT_FALSE(values.empty());
  EXPECT_EQ(values.front(), Setting("scheme", "learned"));
  // Every used value is text that set_option takes back unchanged.
  State t;
  for (const auto& [name, value] : values) t.set_option(name, value);
  EXPECT_EQ(t.used_values(), values);
}

TEST(State, SelectingAViewOrASchemeKeepsThemTogether) {
  State s;
  s.select_view("alibi");  // ALiBi's view: the scheme follows
  EXPECT_EQ(s.shared.scheme, Scheme::Alibi);
  s.select_scheme(Scheme::Rope);  // a scheme the view does not show: the view follows
  EXPECT_TRUE(s.shows_scheme());
  EXPECT_EQ(s.shared.scheme, Scheme::Rope);
  EXPECT_NE(std::string(s.view().name()), "alibi");
  s.select_view("wavelengths");  // shows RoPE too: the scheme stays
  EXPECT_EQ(s.shared.scheme, Scheme::Rope);
}

TEST(State, CopiesAreDeep) {
  State a;
  a.select_view("alibi");
  a.set_option("head", "2");
  State b = a;
  b.set_option("head", "5");
  b.set_option("heads", "16");
  EXPECT_NE(a.describe().find("head=2;"), std::string::npos);
  EXPECT_NE(b.describe().find("head=5;"), std::string::npos);
  EXPECT_EQ(a.shared.heads, 8);
  EXPECT_EQ(b.view_index(), a.view_index());
  a = b;
  EXPECT_EQ(a.describe(), b.describe());
}

TEST(State, SavesAndLoadsEveryViewsParameters) {
  State a;
  a.select_view("alibi");
  a.set_option("head", "4");
  a.set_option("heads", "12");
  a.select_view("waves");
  a.set_option("dims", "0,1,10,11");
  a.set_option("base", "500");
  State b;
  b.load(a.save());
  EXPECT_EQ(b.describe(), a.describe());
  EXPECT_EQ(std::string(b.view().name()), "waves");
  b.select_view("alibi");
  EXPECT_NE(b.describe().find("head=4;"), std::string::npos) << b.describe();
}

TEST(State, LoadKeepsWhatItCannotRead) {
  State s;
  nlohmann::json j = s.save();
  j["shared"]["d"] = 13;          // odd: refused, stays 64
  j["shared"]["base"] = "large";  // not a number
  j["shared"]["positions"] = 500;
  j["view"] = "no-such-view";
  s.load(j);
  EXPECT_EQ(s.shared.d, 64);
  EXPECT_EQ(s.shared.base, 10000.0);
  EXPECT_EQ(s.shared.positions, 500);
  EXPECT_EQ(std::string(s.view().name()), "encoding");
  s.load(nlohmann::json::array());  // not an object: nothing happens
  EXPECT_EQ(s.shared.positions, 500);
}

TEST(State, ComparePanelsAreCheckedCopies) {
  State base;
  base.select_view("rope-decay");
  const std::vector<State> panels =
      compare::apply_spec(base, compare::parse_spec("base=10000;base=500000"));
  ASSERT_EQ(panels.size(), 2u);
  EXPECT_EQ(panels[0].shared.base, 10000.0);
  EXPECT_EQ(panels[1].shared.base, 500000.0);
  EXPECT_EQ(base.shared.base, 10000.0);  // the base state is untouched
  EXPECT_EQ(refusal_of([&] { compare::apply_spec(base, compare::parse_spec(";bse=5")); }),
            "--compare panel B: view 'rope-decay' has no option 'bse' (did you mean 'base'?)");
  State enc;
  EXPECT_EQ(refusal_of([&] { compare::apply_spec(enc, compare::parse_spec(";scheme=rope")); }),
            "--compare panel B: view 'encoding' shows sinusoidal, learned, not rope");
  EXPECT_EQ(refusal_of([&] { compare::apply_spec(enc, compare::parse_spec("heads=2;heads=4")); }),
            "--compare panel A: view 'encoding' does not use 'heads' (it uses d, base, positions, "
            "start, layout, values)");
}

}  // namespace
}  // namespace peviz
