package hexfmt

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestUint64(t *testing.T) {
	tests := []struct {
		name string
		v    uint64
		want string
	}{
		{"zero keeps one digit", 0, "0x0"},
		{"drops leading zeros", 0x9000, "0x9000"},
		{"prints lower case", 0xdeadbeef, "0xdeadbeef"},
		{"prints all sixteen digits", ^uint64(0), "0xffffffffffffffff"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Uint64(tt.v))
		})
	}
}
