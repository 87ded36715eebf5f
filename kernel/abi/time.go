package abi

import "encoding/binary"

// Timespec is struct __kernel_timespec: two 64-bit words on both
// architectures.
type Timespec struct {
	Sec, Nsec int64
}

// TimespecSize is sizeof(struct __kernel_timespec); struct timeval (two
// longs) has the same size on 64-bit Linux.
const TimespecSize = 16

// DecodeTimespec reads a struct timespec.
func DecodeTimespec(b []byte) Timespec {
	return Timespec{
		Sec:  int64(binary.LittleEndian.Uint64(b[0:])),
		Nsec: int64(binary.LittleEndian.Uint64(b[8:])),
	}
}

// Encode writes ts as a struct timespec (or, with microseconds in Nsec,
// a struct timeval) into b.
func (ts Timespec) Encode(b []byte) {
	binary.LittleEndian.PutUint64(b[0:], uint64(ts.Sec))
	binary.LittleEndian.PutUint64(b[8:], uint64(ts.Nsec))
}

// Valid is timespec64_valid: a non-negative second count and nanoseconds
// below one second.
func (ts Timespec) Valid() bool {
	return ts.Sec >= 0 && ts.Nsec >= 0 && ts.Nsec < 1e9
}

// Clock ids (include/uapi/linux/time.h).
const (
	CLOCK_REALTIME           = 0
	CLOCK_MONOTONIC          = 1
	CLOCK_PROCESS_CPUTIME_ID = 2
	CLOCK_THREAD_CPUTIME_ID  = 3
	CLOCK_MONOTONIC_RAW      = 4
	CLOCK_REALTIME_COARSE    = 5
	CLOCK_MONOTONIC_COARSE   = 6
	CLOCK_BOOTTIME           = 7
	CLOCK_REALTIME_ALARM     = 8
	CLOCK_BOOTTIME_ALARM     = 9
	CLOCK_TAI                = 11

	// TIMER_ABSTIME makes clock_nanosleep's time absolute.
	TIMER_ABSTIME = 1
)
