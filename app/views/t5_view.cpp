#include "t5_view.hpp"

namespace peviz {

FigureBuilder T5View::builder(const SharedParams&, const plot::FigureRequest&) const {
  return [](const ProgressFn&) {
    plot::Figure f;
    f.title = "T5 buckets";
    f.message = "This view is being written.";
    return f;
  };
}

}  // namespace peviz
