// A small, seeded, reproducible random number generator for kullback's Monte Carlo code.
//
// rng is xoshiro256++ (Blackman & Vigna, "Scrambled linear pseudorandom number generators",
// ACM TOMS 2021): 256 bits of state, period 2^256 - 1, passes BigCrush. Its state is filled by
// splitmix64 (Steele, Lea & Flood 2014) from a 64-bit seed and a 64-bit stream number, so
//   rng(seed, stream)
// gives an independent-looking sequence per (seed, stream) pair. Threaded code gives every fixed
// block of work its own stream (block index), never one stream per thread, so its results do not
// depend on the thread count.
//
// The output is fixed by this header alone (no standard-library distribution is used):
//   next()            the raw 64-bit output
//   uniform01()       a double in [0, 1): the top 53 bits times 2^-53
//   standard_normal() N(0, 1) by Marsaglia's polar method (uniform pairs in the unit disc; one
//                     accepted pair gives two normals, the second is kept for the next call).
//                     The polar method needs only log and sqrt, so sequences agree across
//                     machines whose std::log is correctly rounded at these arguments.
#pragma once

#include <cmath>
#include <cstdint>

namespace kullback {

class rng {
 public:
  explicit rng(std::uint64_t seed, std::uint64_t stream = 0) {
    // The stream is hashed before it is mixed into the splitmix64 state, so (seed, stream) pairs
    // that differ in either word start far apart in splitmix64's sequence.
    std::uint64_t x = seed ^ mix(stream + 0x632BE59BD9B4E019ULL);
    for (auto& word : state_) word = splitmix64(x);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(state_[0] + state_[3], 23) + state_[0];
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  double uniform01() { return static_cast<double>(next() >> 11) * 0x1p-53; }

  double standard_normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u, v, s;
    do {
      u = 2.0 * uniform01() - 1.0;
      v = 2.0 * uniform01() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double factor = std::sqrt(-2.0 * std::log(s) / s);
    spare_ = v * factor;
    has_spare_ = true;
    return u * factor;
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  // splitmix64's output function (a bijection on 64-bit words).
  static std::uint64_t mix(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  static std::uint64_t splitmix64(std::uint64_t& x) {
    x += 0x9E3779B97F4A7C15ULL;
    return mix(x);
  }

  std::uint64_t state_[4];
  double spare_ = 0.0;
  bool has_spare_ = false;
};

}  // namespace kullback
