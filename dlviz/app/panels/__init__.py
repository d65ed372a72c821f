"""Input widgets: the model library, training controls, the text box."""
