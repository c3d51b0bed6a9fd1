package io.berth.scaling.infra;

import io.berth.testsupport.ReadinessContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ReadinessTest extends ReadinessContract {
}
