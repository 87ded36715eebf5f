//go:build tamago && arm64

package virt

import (
	"time"

	"github.com/ringside-kernel/ringside/arch/arm64"
)

// RTCBase is virt's PL031 real-time clock.
const RTCBase = 0x09010000

// pl031DR is the data register: seconds since the epoch (PL031 TRM,
// 3.3.1), which QEMU starts from the host's UTC time unless -rtc base=
// says otherwise.
const pl031DR = 0x000

// RTC reads the date from the PL031, to the second. ok is false when it
// reads 0 (a clock that was never set).
func RTC() (t time.Time, ok bool) {
	sec := arm64.Read32(RTCBase + pl031DR)
	return time.Unix(int64(sec), 0).UTC(), sec != 0
}
