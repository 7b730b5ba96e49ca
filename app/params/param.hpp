// Reflection for Params structs: a Params struct lists its fields once, with a
// name (the command-line option and lesson name, e.g. "d"), a label for the
// screen, limits and a help line. Visitors then draw the controls, set fields by
// name from the command line or a lesson, save and load settings, and describe
// the values, all from that one list.
#pragma once

#include <string>
#include <vector>

namespace peviz {

struct ParamInfo {
  const char* name = "";   // "d", "base", "original-context": as on the command line
  const char* label = "";  // "d_model": as on the screen
  const char* help = "";   // one line, shown as a tooltip and in --help
  double min = 0.0;        // limits (numbers); values outside are rejected by name
  double max = 0.0;
  bool log = false;                  // logarithmic slider
  bool even = false;                 // even integers only
  std::vector<const char*> choices;  // names of a choice field, in enum order
  const char* zero = nullptr;        // what 0 stands for, shown in its place ("auto")
};

class ParamVisitor {
 public:
  virtual ~ParamVisitor() = default;
  virtual void visit(const ParamInfo& info, int& value) = 0;
  virtual void visit(const ParamInfo& info, double& value) = 0;
  virtual void visit(const ParamInfo& info, bool& value) = 0;
  virtual void visit(const ParamInfo& info, std::string& value) = 0;
  // A choice among info.choices; `index` is the enum's value.
  virtual void visit_choice(const ParamInfo& info, int& index) = 0;
};

template <typename Enum>
void visit_enum(ParamVisitor& v, const ParamInfo& info, Enum& e) {
  int i = static_cast<int>(e);
  v.visit_choice(info, i);
  e = static_cast<Enum>(i);
}

}  // namespace peviz
