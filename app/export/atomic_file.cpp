#include "atomic_file.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <random>
#include <vector>

namespace peviz {
namespace {

namespace fs = std::filesystem;

std::string reason(int e) {
  return std::strerror(e);
}

const char* kind_of(mode_t mode) {
  if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

// Where `path` leads through its symbolic links (at most 40, as the kernel allows).
std::string follow_links(const std::string& path, const std::string& shown) {
  fs::path p(path);
  for (int hops = 0; hops < 40; ++hops) {
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return p.string();
    std::error_code ec;
    const fs::path next = fs::read_symlink(p, ec);
    if (ec) throw WriteError("cannot write '" + shown + "': " + ec.message());
    p = next.is_absolute() ? next : p.parent_path() / next;
  }
  throw WriteError("cannot write '" + shown + "': too many levels of symbolic links");
}

// Our temporaries: ".NAME.tmp-PID-XXXXXX" (pid > 0), or an older version's ".NAME.tmp-XXXXXX".
bool parse_temporary(const std::string& name, long& pid) {
  pid = 0;
  if (name.size() < 2 || name[0] != '.') return false;
  const std::size_t tmp = name.rfind(".tmp-");
  if (tmp == std::string::npos || tmp < 2) return false;
  std::string rest = name.substr(tmp + 5);
  const std::size_t dash = rest.find('-');
  if (dash != std::string::npos) {
    const std::string digits = rest.substr(0, dash);
    if (digits.empty() || digits.size() > 10 ||
        digits.find_first_not_of("0123456789") != std::string::npos) {
      return false;
    }
    pid = std::stol(digits);
    rest = rest.substr(dash + 1);
  }
  if (rest.size() != 6) return false;
  for (char c : rest) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  }
  if (pid == 0) {
    // An older version's name: only for the files peviz writes.
    const std::string stem = name.substr(1, tmp - 1);
    const auto ends = [&](const char* ext) {
      const std::size_t n = std::strlen(ext);
      return stem.size() > n && stem.compare(stem.size() - n, n, ext) == 0;
    };
    if (!ends(".png") && !ends(".svg") && !ends(".csv")) return false;
  }
  return true;
}

std::string random_suffix() {
  static constexpr char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::random_device device;
  std::string s(6, 'x');
  for (char& c : s) c = kChars[device() % (sizeof kChars - 1)];
  return s;
}

}  // namespace

int remove_stale_temporaries(const std::string& folder) {
  DIR* dir = ::opendir(folder.c_str());
  if (dir == nullptr) return 0;
  int removed = 0;
  const std::time_t now = std::time(nullptr);
  while (const dirent* entry = ::readdir(dir)) {
    const std::string name = entry->d_name;
    long pid = 0;
    if (!parse_temporary(name, pid)) continue;
    const std::string path = (fs::path(folder) / name).string();
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    const bool gone = pid > 0 ? (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
                              : now - st.st_mtime > 3600;
    if (gone && ::unlink(path.c_str()) == 0) ++removed;
  }
  ::closedir(dir);
  return removed;
}

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  if (path_.empty()) throw WriteError("no output file given");
  target_ = follow_links(path_, path_);
  mode_t mode = 0;  // of the file replaced; 0 for a new file
  struct stat st {};
  if (::stat(target_.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) throw WriteError("cannot write '" + path_ + "': it is a folder");
    if (!S_ISREG(st.st_mode)) {
      throw WriteError("cannot write '" + path_ + "': it is " + kind_of(st.st_mode) +
                       ", and peviz writes only regular files");
    }
    if (::access(target_.c_str(), W_OK) != 0) {
      throw WriteError("cannot write '" + path_ + "': " + reason(errno));
    }
    mode = st.st_mode & 07777;
  }
  const fs::path target(target_);
  folder_ = target.has_parent_path() ? target.parent_path().string() : std::string(".");
  remove_stale_temporaries(folder_);
  if (mode == 0) {
    const mode_t mask = ::umask(0);  // the mode a new file gets from fopen
    ::umask(mask);
    mode = 0666 & ~mask;
  }

  int fd = ::open(folder_.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
  if (fd >= 0) {
    unnamed_ = true;
  } else if (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL) {
    // No O_TMPFILE on this file system: a named temporary with our process id in it.
    const std::string name =
        "." + target.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-XXXXXX";
    std::string pattern = (fs::path(folder_) / name).string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    fd = ::mkostemp(buffer.data(), O_CLOEXEC);
    if (fd >= 0) temp_ = buffer.data();
  }
  if (fd < 0) throw WriteError("cannot write '" + path_ + "': " + reason(errno));
  ::fchmod(fd, mode);
  file_ = ::fdopen(fd, "wb");
  if (file_ == nullptr) {
    const int e = errno;
    ::close(fd);
    if (!temp_.empty()) ::unlink(temp_.c_str());
    throw WriteError("cannot write '" + path_ + "': " + reason(e));
  }
}

AtomicFile::~AtomicFile() {
  if (file_ != nullptr) std::fclose(file_);  // an unnamed temporary vanishes with it
  if (!committed_ && !temp_.empty()) ::unlink(temp_.c_str());
}

void AtomicFile::fail(const std::string& what) {
  const int e = errno;
  if (file_ != nullptr) std::fclose(file_);
  file_ = nullptr;
  if (!temp_.empty()) ::unlink(temp_.c_str());
  temp_.clear();
  throw WriteError("cannot write '" + path_ + "': " + what +
                   (e != 0 ? std::string(": ") + reason(e) : ""));
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
  if (unnamed_) {
    // The unnamed file gets a temporary name (the rename below is what replaces the target
    // atomically; linkat cannot replace an existing file).
    const std::string fd_path = "/proc/self/fd/" + std::to_string(::fileno(file_));
    const std::string stem =
        "." + fs::path(target_).filename().string() + ".tmp-" + std::to_string(::getpid()) + "-";
    for (int attempt = 0; attempt < 100 && temp_.empty(); ++attempt) {
      const std::string name = (fs::path(folder_) / (stem + random_suffix())).string();
      if (::linkat(AT_FDCWD, fd_path.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0) {
        temp_ = name;
      } else if (errno != EEXIST) {
        fail("cannot name the file");
      }
    }
    if (temp_.empty()) fail("cannot name the file");
  }
  std::FILE* f = file_;
  file_ = nullptr;
  if (std::fclose(f) != 0) fail("close failed");
  if (std::rename(temp_.c_str(), target_.c_str()) != 0) fail("rename failed");
  committed_ = true;
}

}  // namespace peviz
