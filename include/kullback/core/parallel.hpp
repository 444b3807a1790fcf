// The one place where kullback's thread count is set.
//
// Work is split into fixed-size chunks whose partial results are combined in a fixed order, so
// every result is bitwise identical whatever the thread count.
#pragma once

namespace kullback {

// Threads used by later calls; 0 restores the default (the hardware concurrency, or
// OMP_NUM_THREADS when set). Negative values are an error.
void set_num_threads(int threads);

// Threads that the next call will use.
int num_threads();

}  // namespace kullback
