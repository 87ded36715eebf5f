package abi

import "encoding/binary"

// ITIMER_* select an interval timer (include/uapi/linux/time.h).
const (
	ITIMER_REAL    = 0
	ITIMER_VIRTUAL = 1
	ITIMER_PROF    = 2
)

// Timeval is struct __kernel_old_timeval: seconds and microseconds,
// two longs.
type Timeval struct {
	Sec, Usec int64
}

// Valid is timeval_valid: non-negative seconds, microseconds below a
// second.
func (tv Timeval) Valid() bool {
	return tv.Sec >= 0 && tv.Usec >= 0 && tv.Usec < 1e6
}

// ItimervalSize is sizeof(struct __kernel_old_itimerval).
const ItimervalSize = 32

// Itimerval is struct itimerval: it_interval first, then it_value.
type Itimerval struct {
	Interval, Value Timeval
}

// DecodeItimerval reads a struct itimerval.
func DecodeItimerval(b []byte) Itimerval {
	w := func(off int) int64 {
		return int64(binary.LittleEndian.Uint64(b[off:]))
	}
	return Itimerval{Interval: Timeval{w(0), w(8)},
		Value: Timeval{w(16), w(24)}}
}

// Encode lays out v as a struct itimerval.
func (v Itimerval) Encode() []byte {
	b := make([]byte, ItimervalSize)
	le := binary.LittleEndian
	le.PutUint64(b[0:], uint64(v.Interval.Sec))
	le.PutUint64(b[8:], uint64(v.Interval.Usec))
	le.PutUint64(b[16:], uint64(v.Value.Sec))
	le.PutUint64(b[24:], uint64(v.Value.Usec))
	return b
}
