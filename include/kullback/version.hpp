#pragma once

namespace kullback {
inline constexpr const char* version = "0.1.0";
}
