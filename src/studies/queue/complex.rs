//! The few complex operations the batch-service root finder needs (no dependency for them).

/// A complex number, with the few operations the root finder needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Complex {
    pub(super) re: f64,
    pub(super) im: f64,
}

impl Complex {
    pub(super) fn new(re: f64, im: f64) -> Complex {
        Complex { re, im }
    }

    pub(super) fn real(re: f64) -> Complex {
        Complex { re, im: 0.0 }
    }

    #[cfg(test)]
    pub(super) fn abs(self) -> f64 {
        self.re.hypot(self.im)
    }

    /// |z|², with no square root.
    pub(super) fn norm_sqr(self) -> f64 {
        self.re * self.re + self.im * self.im
    }

    /// z times a real number k.
    pub(super) fn scale(self, k: f64) -> Complex {
        Complex::new(self.re * k, self.im * k)
    }

    /// e^z − 1, accurate for small |z|: with s, c the sine and cosine of y/2, cos y − 1 = −2s²
    /// and sin y = 2sc, so Re = expm1(x)·(1 − 2s²) − 2s² and Im = (expm1(x) + 1)·2sc (two
    /// transcendental calls).
    pub(super) fn exp_m1(self) -> Complex {
        let (s, c) = (self.im / 2.0).sin_cos();
        let em = self.re.exp_m1();
        let two_s2 = 2.0 * s * s;
        Complex::new(em * (1.0 - two_s2) - two_s2, (em + 1.0) * (2.0 * s * c))
    }

    /// 1/z, with one division.
    pub(super) fn recip(self) -> Complex {
        let inv = 1.0 / self.norm_sqr();
        Complex::new(self.re * inv, -self.im * inv)
    }
}

impl std::ops::Add for Complex {
    type Output = Complex;
    fn add(self, o: Complex) -> Complex {
        Complex::new(self.re + o.re, self.im + o.im)
    }
}

impl std::ops::Neg for Complex {
    type Output = Complex;
    fn neg(self) -> Complex {
        Complex::new(-self.re, -self.im)
    }
}

impl std::ops::Sub for Complex {
    type Output = Complex;
    fn sub(self, o: Complex) -> Complex {
        Complex::new(self.re - o.re, self.im - o.im)
    }
}

impl std::ops::Mul for Complex {
    type Output = Complex;
    fn mul(self, o: Complex) -> Complex {
        Complex::new(
            self.re * o.re - self.im * o.im,
            self.re * o.im + self.im * o.re,
        )
    }
}

impl std::ops::Div for Complex {
    type Output = Complex;
    fn div(self, o: Complex) -> Complex {
        let n = o.re * o.re + o.im * o.im;
        Complex::new(
            (self.re * o.re + self.im * o.im) / n,
            (self.im * o.re - self.re * o.im) / n,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_exp_m1_is_accurate_near_zero() {
        let z = Complex::new(1e-10, 2e-10);
        let e = z.exp_m1();
        // e^z − 1 = z + z²/2 + …: z² = (1e-20 − 4e-20) + 4e-20 i.
        assert!((e.re - (1e-10 - 1.5e-20)).abs() < 1e-30, "{e:?}");
        assert!((e.im - (2e-10 + 2e-20)).abs() < 1e-30, "{e:?}");
        let big = Complex::new(0.5, 2.0).exp_m1();
        assert!((big.re - (0.5f64.exp() * 2.0f64.cos() - 1.0)).abs() < 1e-15);
        assert!((big.im - 0.5f64.exp() * 2.0f64.sin()).abs() < 1e-15);
    }
}
