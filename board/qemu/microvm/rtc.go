//go:build tamago && amd64

package microvm

import (
	"time"

	ringamd64 "github.com/ringside-kernel/ringside/arch/amd64"
)

// The MC146818 CMOS real-time clock (microvm's rtc=on): an index port and
// a data port, registers for the date in BCD unless status register B
// says binary, and QEMU's century register.
const (
	cmosIndex = 0x70
	cmosData  = 0x71

	rtcSeconds = 0x00
	rtcMinutes = 0x02
	rtcHours   = 0x04
	rtcDay     = 0x07
	rtcMonth   = 0x08
	rtcYear    = 0x09
	rtcStatusA = 0x0a
	rtcStatusB = 0x0b
	rtcCentury = 0x32

	statusAUpdating = 0x80 // an update is in progress
	statusBBinary   = 0x04 // the date registers hold binary, not BCD
	statusB24Hour   = 0x02
)

// cmos reads CMOS register r. Bit 7 of the index, which masks NMIs on a
// PC, stays clear.
func cmos(r uint8) uint8 {
	ringamd64.Out8(cmosIndex, r)
	return ringamd64.In8(cmosData)
}

// RTC reads the date from the CMOS clock (UTC, as QEMU keeps it by
// default), waiting out an update in progress and reading until two
// reads agree, as Linux's mc146818_get_time does. ok is false when the
// clock reads as no valid date (no RTC: the ports float to 0xff).
func RTC() (t time.Time, ok bool) {
	read := func() [7]uint8 {
		for cmos(rtcStatusA)&statusAUpdating != 0 {
		}
		return [7]uint8{cmos(rtcSeconds), cmos(rtcMinutes),
			cmos(rtcHours), cmos(rtcDay), cmos(rtcMonth),
			cmos(rtcYear), cmos(rtcCentury)}
	}

	r := read()
	for {
		again := read()
		if again == r {
			break
		}
		r = again
	}

	b := cmos(rtcStatusB)
	v := func(x uint8) int {
		if b&statusBBinary != 0 {
			return int(x)
		}
		return int(x>>4)*10 + int(x&0xf)
	}
	hour := v(r[2] &^ 0x80)
	if b&statusB24Hour == 0 && r[2]&0x80 != 0 {
		hour = hour%12 + 12 // PM in 12-hour mode
	}
	year := v(r[6])*100 + v(r[5])
	if r[6] == 0 || r[6] == 0xff {
		year = 2000 + v(r[5]) // no century register
	}

	t = time.Date(year, time.Month(v(r[4])), v(r[3]), hour, v(r[1]),
		v(r[0]), 0, time.UTC)
	month, day := v(r[4]), v(r[3])
	ok = month >= 1 && month <= 12 && day >= 1 && day <= 31 && year >= 1970
	return t, ok
}
