// Package hexfmt formats numbers for the arch packages' kernel fault
// lines, which go out through the runtime's print rather than fmt: the
// %#llx of the printk in Linux's fault reports.
package hexfmt

// Uint64 returns v in lower-case hexadecimal with a 0x prefix and no
// leading zeros.
func Uint64(v uint64) string {
	const digits = "0123456789abcdef"
	var b [18]byte
	i := len(b)
	for {
		i--
		b[i] = digits[v&0xf]
		v >>= 4
		if v == 0 {
			break
		}
	}
	i--
	b[i] = 'x'
	i--
	b[i] = '0'
	return string(b[i:])
}
