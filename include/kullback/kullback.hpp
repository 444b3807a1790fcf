// kullback: divergences between probability distributions. Umbrella header.
#pragma once

#include "kullback/core/distribution_view.hpp"
#include "kullback/core/error.hpp"
#include "kullback/core/options.hpp"
#include "kullback/core/parallel.hpp"
#include "kullback/discrete/alpha_family.hpp"
#include "kullback/discrete/distances.hpp"
#include "kullback/discrete/entropy.hpp"
#include "kullback/discrete/f_divergence.hpp"
#include "kullback/discrete/jensen_shannon.hpp"
#include "kullback/discrete/kl.hpp"
#include "kullback/parametric/independent.hpp"
#include "kullback/parametric/multivariate_normal.hpp"
#include "kullback/parametric/normal.hpp"
#include "kullback/version.hpp"
