// The controls of a Params struct, drawn with ImGui from its field list: sliders
// (logarithmic where the field says so), check boxes, choices, text. Only the
// fields named in `only` are drawn when it is not empty.
#pragma once

#include <string>
#include <vector>

#include "app/params/param.hpp"

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

}  // namespace peviz
