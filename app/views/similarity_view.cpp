#include "similarity_view.hpp"

namespace peviz {

FigureBuilder SimilarityView::builder(const SharedParams&, const plot::FigureRequest&) const {
  return [](const ProgressFn&) {
    plot::Figure f;
    f.title = "Similarity";
    f.message = "This view is being written.";
    return f;
  };
}

}  // namespace peviz
