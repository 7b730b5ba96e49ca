// A growable byte buffer for picture-sized data (pixels, heatmap images, compressed
// PNG bands), never zeroed: every byte is written before it is read. Buffers of 2 MiB
// and more ask the kernel for transparent huge pages (madvise), so that touching them
// costs one page fault per 2 MiB instead of one per 4 KiB: on the virtual machines
// peviz is built on a 4 KiB fault costs 5 to 25 us, a fresh 1600 x 1000 RGBA picture
// 1600 of them, which was a third of a CPU export.
#pragma once

#include <cstddef>
#include <cstdint>

namespace peviz {

class PageBuffer {
 public:
  PageBuffer() = default;
  ~PageBuffer();
  PageBuffer(PageBuffer&& other) noexcept;
  PageBuffer& operator=(PageBuffer&& other) noexcept;
  PageBuffer(const PageBuffer&) = delete;
  PageBuffer& operator=(const PageBuffer&) = delete;

  // At least `bytes` bytes; the old contents are lost when it grows. Throws std::bad_alloc.
  std::uint8_t* reserve(std::size_t bytes);
  // As reserve, keeping the first `keep` bytes.
  std::uint8_t* grow(std::size_t bytes, std::size_t keep);
  std::uint8_t* data() const { return data_; }
  std::size_t capacity() const { return capacity_; }

 private:
  void release();
  void* mapping_ = nullptr;  // what mmap returned (data_ is aligned inside it)
  std::size_t mapped_ = 0;
  std::uint8_t* data_ = nullptr;
  std::size_t capacity_ = 0;
};

// For a one-shot command (peviz export): the C heap's next `bytes` bytes, and every
// block malloc hands out below 256 MiB, come from one region advised for transparent
// huge pages, so that the matrices of core, ImGui's font atlas and zlib's state fault
// in 2 MiB at a time too (an encoding export went from 2850 page faults to 450, and
// from 140 to 110 ms of CPU). Process-wide (malloc's thresholds): for short-lived
// processes only, never the window. Does nothing where the heap cannot grow so.
void prefer_huge_pages_for_heap(std::size_t bytes = std::size_t{64} << 20);

}  // namespace peviz
