#include "learn/model_file.h"

#include <gtest/gtest.h>

#include "learn/perceptron.h"

namespace chronicle {
namespace {

std::string Sample() {
  ModelWriter w;
  w.U32(7);
  w.String("hello");
  w.F32s({1.5f, -2.0f});
  return EncodeModel("tagger", 5, "seed=1\n", w);
}

TEST(ModelFileTest, RoundTrip) {
  std::string bytes = Sample();
  Result<ModelReader> r = OpenModel(bytes, "m.bin", "tagger");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  ModelReader& in = r.value();
  EXPECT_EQ(in.flags, 5u);
  EXPECT_EQ(in.settings, "seed=1\n");
  EXPECT_EQ(in.U32("a"), 7u);
  EXPECT_EQ(in.String("b"), "hello");
  EXPECT_EQ(in.F32s("c"), (std::vector<float>{1.5f, -2.0f}));
  in.ExpectEnd();
  EXPECT_TRUE(in.ok());
}

TEST(ModelFileTest, U32MapIsSortedKeysThenValues) {
  ModelWriter a, b;
  a.U32Map({{30, 3}, {10, 1}, {20, 2}});
  b.U32s({10, 20, 30});
  b.U32s({1, 2, 3});
  EXPECT_EQ(a.bytes(), b.bytes());
  ModelWriter empty, two_empty;
  empty.U32Map({});
  two_empty.U32s({});
  two_empty.U32s({});
  EXPECT_EQ(empty.bytes(), two_empty.bytes());
}

TEST(ModelFileTest, IsLittleEndian) {
  std::string bytes = Sample();
  EXPECT_EQ(bytes.substr(0, 8), "CHRNMODL");
  EXPECT_EQ(bytes.substr(8, 4), std::string("\x01\x00\x00\x00", 4));
}

TEST(ModelFileTest, WrongMagic) {
  Result<ModelReader> r = OpenModel("hello world, no model", "m.bin", "tagger");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().ToString(),
            "m.bin: not a Chronicle model: expected magic \"CHRNMODL\", found \"hello wo\"");
  EXPECT_EQ(r.error().kind, Error::Kind::kModel);
}

TEST(ModelFileTest, UnknownVersion) {
  std::string bytes = Sample();
  bytes[8] = 9;
  Result<ModelReader> r = OpenModel(bytes, "m.bin", "tagger");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().ToString(),
            "m.bin: model format version 9 is not supported (this build reads version 1)");
}

TEST(ModelFileTest, WrongKind) {
  std::string bytes = Sample();
  Result<ModelReader> r = OpenModel(bytes, "m.bin", "parser");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().ToString(), "m.bin: expected a parser model, found a \"tagger\" model");
}

TEST(ModelFileTest, Corrupt) {
  std::string bytes = Sample();
  bytes[bytes.size() - 12] ^= 0x40;  // a byte of the body
  Result<ModelReader> r = OpenModel(bytes, "m.bin", "tagger");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().ToString().find("m.bin: corrupt: expected checksum"), std::string::npos)
      << r.error().ToString();
}

TEST(ModelFileTest, TruncatedAnywhereNeverCrashes) {
  std::string bytes = Sample();
  for (size_t n = 0; n < bytes.size(); ++n) {
    Result<ModelReader> r = OpenModel(std::string_view(bytes).substr(0, n), "m.bin", "tagger");
    ASSERT_FALSE(r.ok()) << n;
    EXPECT_EQ(r.error().file, "m.bin");
  }
  Result<ModelReader> r =
      OpenModel(std::string_view(bytes).substr(0, bytes.size() - 3), "m.bin", "tagger");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().ToString(),
            "m.bin: truncated: expected a body of 25 bytes and an 8-byte checksum, found 30 bytes");
}

TEST(ModelFileTest, TrailingBytes) {
  std::string bytes = Sample() + "xx";
  Result<ModelReader> r = OpenModel(bytes, "m.bin", "tagger");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().ToString().find("more bytes"), std::string::npos);
}

TEST(ModelFileTest, ReaderReportsTruncatedField) {
  ModelWriter w;
  w.U32(1000);  // announces 1000 floats that are not there
  std::string bytes = EncodeModel("tagger", 0, "", w);
  Result<ModelReader> r = OpenModel(bytes, "m.bin", "tagger");
  ASSERT_TRUE(r.ok());
  std::vector<float> v = r.value().F32s("the weights");
  EXPECT_TRUE(v.empty());
  ASSERT_FALSE(r.value().ok());
  EXPECT_EQ(r.value().error().ToString(),
            "m.bin: truncated at byte 4 while reading the weights: expected 4000 bytes, found 0");
}

TEST(ModelFileTest, MissingFileIsIoError) {
  Result<ModelReader> r = ReadModelFile("/nonexistent/model.bin", "tagger");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, Error::Kind::kIo);
}

}  // namespace
}  // namespace chronicle
