from tests.demo.conftest import demo, loaded  # noqa: F401 - the demo zone, loaded once per module
