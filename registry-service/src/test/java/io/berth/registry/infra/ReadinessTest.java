package io.berth.registry.infra;

import io.berth.testsupport.ReadinessContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ReadinessTest extends ReadinessContract {
}
