// Takes far longer than a second to compile (constant evaluation).
constexpr long spin() {
  long x = 0;
  for (long i = 0; i < 4000000000; ++i)
    x += i;
  return x;
}
constexpr long v = spin();
