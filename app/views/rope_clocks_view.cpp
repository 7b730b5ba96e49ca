#include "rope_clocks_view.hpp"

namespace peviz {

FigureBuilder RopeClocksView::builder(const SharedParams&, const plot::FigureRequest&) const {
  return [](const ProgressFn&) {
    plot::Figure f;
    f.title = "RoPE clocks";
    f.message = "This view is being written.";
    return f;
  };
}

}  // namespace peviz
