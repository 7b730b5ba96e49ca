#include "atomic_file.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

namespace peviz {

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  namespace fs = std::filesystem;
  if (path_.empty()) throw WriteError("no output file given");
  const fs::path target(path_);
  if (fs::is_directory(target)) throw WriteError("cannot write '" + path_ + "': it is a folder");
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string name = ".";  // hidden temporary next to the target: .NAME.tmp-XXXXXX
  name.append(target.filename().string()).append(".tmp-XXXXXX");
  const std::string pattern = (folder / name).string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  const int fd = mkstemp(buffer.data());
  if (fd < 0) {
    throw WriteError("cannot write '" + path_ + "': " + std::strerror(errno));
  }
  temp_ = buffer.data();
  file_ = fdopen(fd, "wb");
  if (file_ == nullptr) {
    const int e = errno;
    ::close(fd);
    std::remove(temp_.c_str());
    throw WriteError("cannot write '" + path_ + "': " + std::strerror(e));
  }
  // Same permissions as a file created with fopen (mkstemp makes it 0600).
  const mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
}

AtomicFile::~AtomicFile() {
  if (file_ != nullptr) std::fclose(file_);
  if (!committed_ && !temp_.empty()) std::remove(temp_.c_str());
}

void AtomicFile::fail(const std::string& what) {
  const int e = errno;
  if (file_ != nullptr) std::fclose(file_);
  file_ = nullptr;
  std::remove(temp_.c_str());
  temp_.clear();
  throw WriteError("cannot write '" + path_ + "': " + what +
                   (e != 0 ? std::string(": ") + std::strerror(e) : ""));
}

void AtomicFile::write(const void* data, std::size_t size) {
  if (file_ == nullptr) throw WriteError("cannot write '" + path_ + "': file already closed");
  errno = 0;
  if (size > 0 && std::fwrite(data, 1, size, file_) != size) fail("write failed");
}

void AtomicFile::commit() {
  if (file_ == nullptr) throw WriteError("cannot write '" + path_ + "': file already closed");
  errno = 0;
  if (std::fflush(file_) != 0 || std::ferror(file_) != 0) fail("write failed");
  std::FILE* f = file_;
  file_ = nullptr;
  if (std::fclose(f) != 0) fail("close failed");
  if (std::rename(temp_.c_str(), path_.c_str()) != 0) fail("rename failed");
  committed_ = true;
}

}  // namespace peviz
