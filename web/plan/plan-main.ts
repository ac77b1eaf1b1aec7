// The plan editor (/plan): planners draw zoning changes into change sets; reviewers review them feature by feature.
import '../styles/page.css';
