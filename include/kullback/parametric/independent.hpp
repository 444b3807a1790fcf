// independent<Batch>: reinterprets the last axis of a batch of elementwise distributions as the
// event dimension, like torch.distributions.Independent(base, 1).
//
//   kullback::normal_batch p(mu, sigma), q(zero, one);      // rows x cols elementwise Gaussians
//   kullback::kl(kullback::independent(p), kullback::independent(q), out);  // out: one per row
//
// A batch of shape rows x cols becomes `rows` distributions on R^cols whose coordinates are
// independent. Measures on independent<...> write one value per row. The families that support
// it declare their overloads in their own header (e.g. normal.hpp); this header only holds the
// wrapper, so every family reuses it.
#pragma once

namespace kullback {

template <class Batch>
struct independent {
  explicit independent(const Batch& b) : base(b) {}
  Batch base;
};

template <class Batch>
independent(const Batch&) -> independent<Batch>;

}  // namespace kullback
