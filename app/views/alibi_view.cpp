#include "alibi_view.hpp"

namespace peviz {

FigureBuilder AlibiView::builder(const SharedParams&, const plot::FigureRequest&) const {
  return [](const ProgressFn&) {
    plot::Figure f;
    f.title = "ALiBi biases";
    f.message = "This view is being written.";
    return f;
  };
}

}  // namespace peviz
