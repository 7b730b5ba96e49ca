// The controls of a Params struct, drawn with ImGui from its field list: sliders
// (logarithmic where the field says so), check boxes, choices, text. Only the
// fields named in `only` are drawn when it is not empty. Also the buttons of a view.
#pragma once

#include <string>
#include <vector>

#include "app/params/param.hpp"
#include "app/views/view.hpp"

namespace peviz {

class ParamEditor : public ParamVisitor {
 public:
  explicit ParamEditor(std::vector<std::string> only = {}) : only_(std::move(only)) {}
  bool changed() const { return changed_; }
  void visit(const ParamInfo& info, int& value) override;
  void visit(const ParamInfo& info, double& value) override;
  void visit(const ParamInfo& info, bool& value) override;
  void visit(const ParamInfo& info, std::string& value) override;
  void visit_choice(const ParamInfo& info, int& index) override;

 private:
  bool shown(const ParamInfo& info) const;
  void help(const ParamInfo& info) const;
  std::vector<std::string> only_;
  bool changed_ = false;
};

// A view's actions as one row of buttons (wrapping when the panel is narrow), each with
// its tooltip. Runs the pressed one; returns true when it changed a parameter.
bool draw_actions(const std::vector<ViewAction>& actions);

}  // namespace peviz
