#include "page_buffer.hpp"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
#include <utility>

namespace peviz {
namespace {

constexpr std::size_t kHuge = std::size_t{2} << 20;  // x86-64's transparent huge page

}  // namespace

PageBuffer::~PageBuffer() {
  release();
}

PageBuffer::PageBuffer(PageBuffer&& other) noexcept
    : mapping_(std::exchange(other.mapping_, nullptr)),
      mapped_(std::exchange(other.mapped_, 0)),
      data_(std::exchange(other.data_, nullptr)),
      capacity_(std::exchange(other.capacity_, 0)) {}

PageBuffer& PageBuffer::operator=(PageBuffer&& other) noexcept {
  if (this != &other) {
    release();
    mapping_ = std::exchange(other.mapping_, nullptr);
    mapped_ = std::exchange(other.mapped_, 0);
    data_ = std::exchange(other.data_, nullptr);
    capacity_ = std::exchange(other.capacity_, 0);
  }
  return *this;
}

void PageBuffer::release() {
  if (mapping_ != nullptr) munmap(mapping_, mapped_);
  mapping_ = nullptr;
  mapped_ = 0;
  data_ = nullptr;
  capacity_ = 0;
}

std::uint8_t* PageBuffer::reserve(std::size_t bytes) {
  return grow(bytes, 0);
}

std::uint8_t* PageBuffer::grow(std::size_t bytes, std::size_t keep) {
  if (bytes <= capacity_) return data_;
  const bool huge = bytes >= kHuge;
  // Whole huge pages, plus one to align the start to a huge page boundary.
  const std::size_t size = huge ? (bytes + kHuge - 1) / kHuge * kHuge : bytes;
  const std::size_t map = huge ? size + kHuge : size;
  void* p = mmap(nullptr, map, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  auto* start = static_cast<std::uint8_t*>(p);
  if (huge) {
    const auto address = reinterpret_cast<std::uintptr_t>(start);
    start += (kHuge - address % kHuge) % kHuge;
    madvise(start, size, MADV_HUGEPAGE);  // a hint: without THP the buffer still works
  }
  if (keep > 0) std::memcpy(start, data_, std::min(keep, capacity_));
  release();
  mapping_ = p;
  mapped_ = map;
  data_ = start;
  capacity_ = size;
  return data_;
}

void prefer_huge_pages_for_heap(std::size_t bytes) {
  // Large blocks from the heap (not separate mmaps, which would miss the advice), and
  // freed memory kept rather than trimmed, so that the advised region is reused.
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  mallopt(M_ARENA_MAX, 1);  // other threads too (their own arenas would be plain mmaps)
  auto* const before = static_cast<std::uint8_t*>(sbrk(0));
  void* block = std::malloc(bytes);  // grows the heap by about `bytes`, touches none of it
  if (block == nullptr) return;
  std::free(block);
  auto* const after = static_cast<std::uint8_t*>(sbrk(0));
  if (before == reinterpret_cast<std::uint8_t*>(-1) || after <= before) return;  // not the heap
  const auto first = (reinterpret_cast<std::uintptr_t>(before) + kHuge - 1) / kHuge * kHuge;
  const auto end = reinterpret_cast<std::uintptr_t>(after);
  if (end > first) madvise(reinterpret_cast<void*>(first), end - first, MADV_HUGEPAGE);
}

}  // namespace peviz
